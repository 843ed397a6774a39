import {
  dispatch,
  eventChannel,
  isEventName,
  METHOD_NAMES,
  methodChannel,
  toWireError,
  type ContractBackend
} from '../../shared/api/contract'
import type { IpcReply } from '../../preload/netra-bridge'
import type { SenderFrame } from './trusted-sender'

/** The part of an `ipcMain.handle` event the binding reads. */
export type InvokeEventLike = { readonly senderFrame: SenderFrame | null }

/** The part of Electron's `ipcMain` the binding uses (a fake in tests). */
export type IpcMainLike = {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<IpcReply>): void
  removeHandler(channel: string): void
}

/** The part of the window's `webContents` events are sent to. */
export type WebContentsLike = {
  send(channel: string, ...args: unknown[]): void
  isDestroyed(): boolean
  readonly mainFrame: SenderFrame
}

/**
 * Bind the contract to Electron IPC: one `ipcMain.handle` per method, events to the window.
 *
 * Each call checks the sender frame first, then validates the payload through `dispatch`.
 * Calls resolve to an {@link IpcReply} rather than throwing, because Electron passes only an
 * error's message across IPC and the contract's error `code` would be lost. Returns the unbind
 * function (removes every handler and stops forwarding events).
 */
export function bindContract(
  ipcMain: IpcMainLike,
  backend: ContractBackend,
  isTrustedSender: (frame: SenderFrame | null) => boolean,
  getWebContents: () => WebContentsLike | null | undefined
): () => void {
  const trusted = (frame: SenderFrame | null): boolean => {
    try {
      return isTrustedSender(frame)
    } catch {
      // A frame that navigated away or was destroyed throws on access: not trusted.
      return false
    }
  }

  for (const method of METHOD_NAMES) {
    ipcMain.handle(methodChannel(method), async (event, request): Promise<IpcReply> => {
      if (!trusted(event.senderFrame)) {
        return {
          ok: false,
          error: { code: 'forbidden', message: `${method}: the sender is not the app's own page` }
        }
      }
      try {
        return { ok: true, result: await dispatch(backend.handlers, method, request) }
      } catch (error) {
        return { ok: false, error: toWireError(error) }
      }
    })
  }

  const unsubscribe = backend.subscribe((event, payload) => {
    if (!isEventName(event)) return
    const contents = getWebContents()
    if (!contents || contents.isDestroyed()) return
    // Session records are sensitive: never push them to a page that is not ours.
    if (!trusted(contents.mainFrame)) return
    contents.send(eventChannel(event), payload)
  })

  let bound = true
  return () => {
    if (!bound) return
    bound = false
    unsubscribe()
    for (const method of METHOD_NAMES) ipcMain.removeHandler(methodChannel(method))
  }
}
