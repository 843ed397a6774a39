import type { ContractClient } from '../../../shared/api/contract'
import { WEB_API_PATH, WEB_TOKEN_PARAM } from '../../../shared/api/web-wire'
import { createBridgeClient, isNetraBridge } from './bridge-client'
import type { HostStatus } from './host-status'
import { createWebSocketClient } from './web-socket-client'

/** The backend this window talks to, or why there is none. */
export type HostConnection =
  | {
      kind: 'electron' | 'web'
      client: ContractClient
      /** Status changes of the host link; Electron's IPC never drops, so it reports nothing. */
      onStatus: (listener: (status: HostStatus) => void) => () => void
    }
  | { kind: 'unavailable'; reason: string }

/** What `createClient` reads from the page (the real `window` in the app, a stub in tests). */
export type HostWindow = {
  netra?: unknown
  location: { protocol: string; host: string; search: string }
}

/**
 * Pick the host: the preload bridge in Electron, otherwise the web host's socket.
 *
 * The renderer never knows more than this about where it runs (ARCHITECTURE.md).
 */
export function createClient(win: HostWindow): HostConnection {
  if (win.netra !== undefined) {
    if (!isNetraBridge(win.netra)) return { kind: 'unavailable', reason: 'The desktop bridge (window.netra) is malformed.' }
    return { kind: 'electron', client: createBridgeClient(win.netra), onStatus: () => () => undefined }
  }
  const token = new URLSearchParams(win.location.search).get(WEB_TOKEN_PARAM)
  if (!token) {
    return {
      kind: 'unavailable',
      reason: 'This page was opened without its access token.'
    }
  }
  const scheme = win.location.protocol === 'https:' ? 'wss:' : 'ws:'
  const url = `${scheme}//${win.location.host}${WEB_API_PATH}?${WEB_TOKEN_PARAM}=${encodeURIComponent(token)}`
  const client = createWebSocketClient({ url })
  return { kind: 'web', client, onStatus: client.onStatus }
}
