import type { ContractClient, EventPayload, EventName } from '../../../shared/api/contract'
import { ContractError } from '../../../shared/api/contract-error'
import type { WebHostFrame } from '../../../shared/api/web-wire'
import { INITIAL_HOST_STATUS, type HostStatus } from './host-status'

/** Reconnect timing: doubling from `initialMs` up to `maxMs`. */
export type Backoff = { initialMs: number; maxMs: number }

/** Options of the web socket client; `WebSocketImpl` lets a test run it outside a browser. */
export type WebSocketClientOptions = {
  url: string
  backoff?: Backoff
  WebSocketImpl?: typeof WebSocket
}

/** The contract client over the web host's socket, plus its connection status. */
export type WebSocketClient = ContractClient & {
  status(): HostStatus
  /** Hear status changes (banner, resync after a drop); returns the unsubscribe. */
  onStatus(listener: (status: HostStatus) => void): () => void
  /** Close for good: no reconnect, every pending call rejected. */
  dispose(): void
}

type Pending = { method: string; resolve: (value: never) => void; reject: (error: Error) => void }

const DEFAULT_BACKOFF: Backoff = { initialMs: 500, maxMs: 10_000 }

/**
 * The contract over the web host's loopback WebSocket.
 *
 * Calls made before the socket opens are queued; calls in flight when it closes are
 * rejected (their answer can never arrive), and the socket reconnects with backoff so
 * a restarted host is picked up without reloading the page.
 */
export function createWebSocketClient(options: WebSocketClientOptions): WebSocketClient {
  const Impl = options.WebSocketImpl ?? WebSocket
  const backoff = options.backoff ?? DEFAULT_BACKOFF
  const pending = new Map<number, Pending>()
  const queue: string[] = []
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const statusListeners = new Set<(status: HostStatus) => void>()
  let status: HostStatus = INITIAL_HOST_STATUS
  let socket: WebSocket | null = null
  let retryTimer: ReturnType<typeof setTimeout> | null = null
  let nextId = 1
  let disposed = false

  const setStatus = (next: HostStatus): void => {
    status = next
    for (const listener of statusListeners) listener(status)
  }

  const rejectAll = (why: string): void => {
    const calls = [...pending.values()]
    pending.clear()
    queue.length = 0
    for (const call of calls) call.reject(new Error(`${call.method}: ${why}`))
  }

  const handleFrame = (text: string): void => {
    let frame: WebHostFrame
    try {
      frame = JSON.parse(text) as WebHostFrame
    } catch {
      console.warn('web host sent a frame that is not JSON', text.slice(0, 200))
      return
    }
    if ('id' in frame && typeof frame.id === 'number') {
      const call = pending.get(frame.id)
      if (!call) return
      pending.delete(frame.id)
      if ('error' in frame) call.reject(new ContractError(frame.error.code, frame.error.message))
      else call.resolve(frame.result as never)
      return
    }
    if ('event' in frame) {
      const set = listeners.get(frame.event)
      if (!set) return
      for (const listener of [...set]) {
        try {
          listener(frame.payload)
        } catch (error) {
          // One broken listener must not starve the others of records.
          console.error(`listener of ${frame.event} failed`, error)
        }
      }
    }
  }

  const open = (): void => {
    if (disposed) return
    setStatus({ ...status, state: 'connecting', retryAt: null })
    const ws = new Impl(options.url)
    socket = ws
    ws.onopen = () => {
      setStatus({ state: 'open', attempt: 0, retryAt: null, everOpened: true })
      for (const text of queue.splice(0)) ws.send(text)
    }
    ws.onmessage = (message: MessageEvent) => {
      if (typeof message.data === 'string') handleFrame(message.data)
    }
    ws.onclose = (close: CloseEvent) => {
      if (socket !== ws) return
      socket = null
      const reason = close.reason ? `, ${close.reason}` : ''
      rejectAll(`the connection to the Netra host closed before it answered (code ${close.code}${reason}).`)
      if (disposed) return
      const attempt = status.attempt + 1
      const delay = Math.min(backoff.maxMs, backoff.initialMs * 2 ** (attempt - 1))
      setStatus({ ...status, state: 'disconnected', attempt, retryAt: Date.now() + delay })
      retryTimer = setTimeout(open, delay)
    }
  }

  open()

  return {
    call(method, request) {
      if (disposed) return Promise.reject(new Error(`${method}: the client was closed.`))
      if (status.state === 'disconnected') {
        return Promise.reject(new Error(`${method}: the Netra host is disconnected; reconnecting — try again in a moment.`))
      }
      const id = nextId++
      const text = JSON.stringify({ id, method, params: request })
      return new Promise((resolve, reject) => {
        pending.set(id, { method, resolve: resolve as (value: never) => void, reject })
        if (socket && socket.readyState === Impl.OPEN) socket.send(text)
        else queue.push(text)
      })
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      const set = listeners.get(event) ?? new Set()
      listeners.set(event, set)
      const untyped = listener as (payload: unknown) => void
      set.add(untyped)
      return () => {
        set.delete(untyped)
      }
    },
    status: () => status,
    onStatus(listener) {
      statusListeners.add(listener)
      return () => {
        statusListeners.delete(listener)
      }
    },
    dispose() {
      disposed = true
      if (retryTimer) clearTimeout(retryTimer)
      rejectAll('the client was closed.')
      socket?.close(1000, 'client closed')
      socket = null
    }
  }
}
