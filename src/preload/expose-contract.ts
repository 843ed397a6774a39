import type { EventName, MethodName } from '../shared/api/contract'
import {
  BRIDGE_EVENT_NAMES,
  BRIDGE_METHOD_NAMES,
  bridgeEventChannel,
  bridgeMethodChannel
} from './contract-names'
import type { NetraBridge } from './netra-bridge'

/** The part of Electron's `ipcRenderer` the bridge uses (a fake in tests). */
export type IpcRendererLike = {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown
}

/**
 * Build the object exposed as `window.netra`: one function per contract method and event.
 *
 * There is deliberately no generic `invoke(channel)` or `on(channel)`: the page can reach
 * exactly the contract's channels. Listeners get only the payload, never the IPC event (which
 * would hand the page a `sender`).
 */
export function buildNetraBridge(ipcRenderer: IpcRendererLike): NetraBridge {
  const methods = Object.fromEntries(
    BRIDGE_METHOD_NAMES.map((method: MethodName) => {
      const channel = bridgeMethodChannel(method)
      return [method, (request: unknown) => ipcRenderer.invoke(channel, request)]
    })
  )
  const events = Object.fromEntries(
    BRIDGE_EVENT_NAMES.map((event: EventName) => {
      const channel = bridgeEventChannel(event)
      const subscribe = (listener: (payload: unknown) => void): (() => void) => {
        if (typeof listener !== 'function')
          throw new TypeError(`netra.events['${event}'] expects a listener function`)
        const forward = (_event: unknown, payload: unknown): void => listener(payload)
        ipcRenderer.on(channel, forward)
        let subscribed = true
        return () => {
          if (!subscribed) return
          subscribed = false
          ipcRenderer.removeListener(channel, forward)
        }
      }
      return [event, subscribe]
    })
  )
  return Object.freeze({
    methods: Object.freeze(methods),
    events: Object.freeze(events)
  }) as unknown as NetraBridge
}
