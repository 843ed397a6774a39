/**
 * The web host's wire format: the contract carried over one loopback WebSocket.
 *
 * The page is served at `http://127.0.0.1:<port>/?token=<token>`; the renderer opens
 * `ws://127.0.0.1:<port>/api?token=<token>` from the same origin. Frames are JSON:
 * calls carry an `id` the reply echoes; pushed events carry no id.
 */

/** Path of the contract socket on the web host. */
export const WEB_API_PATH = '/api'

/** Query parameter carrying the per-launch token, on the page URL and the socket URL. */
export const WEB_TOKEN_PARAM = 'token'

/** Browser → host: call a contract method. */
export type WebCallFrame = { id: number; method: string; params: unknown }

/** Host → browser: the result of a call. */
export type WebResultFrame = { id: number; result: unknown }

/** Host → browser: a failed call, with the contract's error shape. */
export type WebErrorFrame = { id: number; error: { code: string; message: string } }

/** Host → browser: a pushed event. */
export type WebEventFrame = { event: string; payload: unknown }

/** Any frame the host sends. */
export type WebHostFrame = WebResultFrame | WebErrorFrame | WebEventFrame
