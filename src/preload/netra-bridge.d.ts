import type {
  EventName,
  EventPayload,
  MethodName,
  MethodRequest,
  MethodResponse
} from '../shared/api/contract'

/**
 * What the preload exposes as `window.netra` (Electron only; absent in a plain browser).
 *
 * Calls resolve to an {@link IpcReply} instead of rejecting: neither `ipcMain.handle` nor
 * `contextBridge` carries an Error's own properties across (only its message survives), so a
 * rejection would lose the contract's error `code`. The renderer's API adapter unwraps the
 * reply into a result or a `ContractError(code, message)`.
 */

/** The outcome of one call across IPC: the response, or the contract's `{code, message}` error. */
export type IpcReply<T = unknown> =
  { ok: true; result: T } | { ok: false; error: { code: string; message: string } }

/** One bridged method: send the request, get the reply. */
export type BridgeMethod<M extends MethodName> = (
  request: MethodRequest<M>
) => Promise<IpcReply<MethodResponse<M>>>

/** One bridged event: subscribe with a listener, get the unsubscribe function back. */
export type BridgeEvent<E extends EventName> = (listener: (payload: EventPayload<E>) => void) => () => void

/** The whole bridge: one function per contract method and per contract event, nothing else. */
export type NetraBridge = {
  readonly methods: { readonly [M in MethodName]: BridgeMethod<M> }
  readonly events: { readonly [E in EventName]: BridgeEvent<E> }
}

declare global {
  interface Window {
    /** The contract over Electron IPC; undefined when the renderer runs in a browser against the web host. */
    readonly netra?: NetraBridge
    /** Electron only: the path of a file the user picked or dropped (`webUtils.getPathForFile`); the main process validates it. */
    readonly netraFiles?: { pathForFile(file: File): string }
  }
}
