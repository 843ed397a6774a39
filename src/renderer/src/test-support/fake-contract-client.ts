import {
  ContractError,
  type ContractClient,
  type EventName,
  type EventPayload,
  type MethodName,
  type MethodRequest,
  type MethodResponse
} from '../../../shared/api/contract'

/** Canned answers per method; a method without one fails like an unknown method would. */
export type FakeHandlers = {
  [M in MethodName]?: (request: MethodRequest<M>) => MethodResponse<M> | Promise<MethodResponse<M>>
}

/** A ContractClient for tests: records every call and lets the test push events. */
export type FakeContractClient = {
  client: ContractClient
  calls: { method: MethodName; request: unknown }[]
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void
  listenerCount(event: EventName): number
}

/** Build a fake client answering with `handlers`. */
export function createFakeContractClient(handlers: FakeHandlers = {}): FakeContractClient {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>()
  const calls: FakeContractClient['calls'] = []
  const client: ContractClient = {
    async call(method, request) {
      calls.push({ method, request })
      const handler = handlers[method] as ((request: unknown) => unknown) | undefined
      if (!handler) throw new ContractError('unknown-method', `fake client has no answer for ${method}`)
      return (await handler(request)) as never
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set()
      listeners.set(event, set)
      set.add(listener as (payload: unknown) => void)
      return () => set.delete(listener as (payload: unknown) => void)
    }
  }
  return {
    client,
    calls,
    emit: (event, payload) => listeners.get(event)?.forEach((listener) => listener(payload)),
    listenerCount: (event) => listeners.get(event)?.size ?? 0
  }
}
