import type { ContractClient, EventName, MethodName } from '../../../shared/api/contract'
import { ContractError } from '../../../shared/api/contract-error'
import type { IpcReply, NetraBridge } from '../../../preload/netra-bridge'

/** Does `value` look like the preload bridge? (Checked by structure: it crossed contextBridge.) */
export function isNetraBridge(value: unknown): value is NetraBridge {
  if (typeof value !== 'object' || value === null) return false
  const { methods, events } = value as { methods?: unknown; events?: unknown }
  return typeof methods === 'object' && methods !== null && typeof events === 'object' && events !== null
}

/**
 * The contract client over the Electron preload bridge.
 *
 * The bridge resolves every call to an `IpcReply` (IPC would strip an Error's `code`), so
 * failures are turned back into `ContractError`s here and callers see one error shape
 * whichever host they run in.
 */
export function createBridgeClient(bridge: NetraBridge): ContractClient {
  return {
    async call(method, request) {
      const invoke = bridge.methods[method as MethodName] as ((request: unknown) => Promise<IpcReply>) | undefined
      if (!invoke) throw new ContractError('unknown-method', `The desktop bridge does not expose "${method}".`)
      const reply = await invoke(request)
      if (!reply.ok) throw new ContractError(reply.error.code, reply.error.message)
      return reply.result as never
    },
    on(event, listener) {
      const subscribe = bridge.events[event as EventName] as ((listener: unknown) => () => void) | undefined
      if (!subscribe) {
        // An older preload missing one event must not take the whole window down.
        console.warn(`The desktop bridge does not expose the "${event}" event.`)
        return () => undefined
      }
      return subscribe(listener)
    }
  }
}
