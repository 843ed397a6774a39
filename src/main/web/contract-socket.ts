import type { RawData, WebSocket } from 'ws'
import { ContractError, dispatch, toWireError, type ContractHandlers } from '../../shared/api/contract'
import type { WebErrorFrame, WebResultFrame } from '../../shared/api/web-wire'

/**
 * One browser's contract socket: JSON call frames in, result/error frames out.
 *
 * A bad frame is answered with an error frame and the connection stays up, so one buggy
 * call never costs the UI its live event stream.
 */

/** The `id` of an error frame answering a frame that carried no usable id (`WebCallFrame` ids are the caller's own). */
export const UNATTRIBUTED_FRAME_ID = -1

/** Answer one raw call frame: validate the frame, dispatch through the contract, wrap the outcome. */
export async function answerCallFrame(
  handlers: ContractHandlers,
  raw: string
): Promise<WebResultFrame | WebErrorFrame> {
  let frame: unknown
  try {
    frame = JSON.parse(raw)
  } catch {
    return malformed(UNATTRIBUTED_FRAME_ID, 'malformed frame: not valid JSON')
  }
  if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) {
    return malformed(UNATTRIBUTED_FRAME_ID, 'malformed frame: expected an object {id, method, params}')
  }
  const { id, method, params } = frame as { id?: unknown; method?: unknown; params?: unknown }
  if (typeof id !== 'number' || !Number.isFinite(id)) {
    return malformed(UNATTRIBUTED_FRAME_ID, 'malformed frame: missing numeric id')
  }
  try {
    return { id, result: await dispatch(handlers, method, params) }
  } catch (error) {
    return { id, error: toWireError(error) }
  }
}

/** An error frame for a frame that is not a valid call. */
function malformed(id: number, message: string): WebErrorFrame {
  return { id, error: toWireError(new ContractError('invalid-request', message)) }
}

/** Send a frame if the socket is still open; a result for a closed socket is simply dropped. */
export function sendFrame(socket: WebSocket, frame: unknown): void {
  if (socket.readyState !== socket.OPEN) return
  let text: string
  try {
    text = JSON.stringify(frame)
  } catch (error) {
    // Only a handler bug gets here (a cyclic or BigInt result); report it instead of going silent.
    const id = (frame as { id?: unknown }).id
    text = JSON.stringify({
      id: typeof id === 'number' ? id : UNATTRIBUTED_FRAME_ID,
      error: toWireError(error)
    })
  }
  socket.send(text)
}

/** How long a client that broke the protocol gets to answer our close frame before it is cut off. */
const PROTOCOL_ERROR_GRACE_MS = 1000
/** Longest error text a log line quotes (ws messages are short; this bounds anything else). */
const MAX_LOGGED_MESSAGE = 200

/**
 * Serve contract calls arriving on an accepted socket.
 *
 * A peer that breaks the WebSocket protocol (oversized, invalid UTF-8, reserved opcode or bits,
 * unmasked, bad close code, orphan continuation…) makes ws emit `'error'`: without a listener
 * that is an uncaught exception that takes the whole host down. ws has already started closing
 * that one socket with the code the error carries (1002 protocol error, 1007 invalid payload,
 * 1009 too big); here we log one line and cut the peer off if it does not finish the close.
 */
export function serveContractSocket(
  socket: WebSocket,
  handlers: ContractHandlers,
  log: (line: string) => void
): void {
  socket.on('error', (error: Error & { code?: unknown }) => {
    log(describeClientError(error))
    setTimeout(() => socket.terminate(), PROTOCOL_ERROR_GRACE_MS).unref()
  })
  socket.on('message', (data: RawData, isBinary: boolean) => {
    if (isBinary) {
      sendFrame(socket, malformed(UNATTRIBUTED_FRAME_ID, 'malformed frame: binary frames are not supported'))
      return
    }
    void answerCallFrame(handlers, rawDataToString(data)).then((reply) => sendFrame(socket, reply))
  })
}

/** ws's documented error codes that are not plain protocol errors (1002), with the close code ws sends for them. */
const CLOSE_CODE_OF_WS_ERROR: Record<string, number> = {
  WS_ERR_INVALID_UTF8: 1007,
  WS_ERR_UNSUPPORTED_MESSAGE_LENGTH: 1009,
  WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH: 1009
}

/** One log line for a client's error: close code and ws's error code, never frame contents or the URL (it holds the token). */
export function describeClientError(error: Error & { code?: unknown }): string {
  const code = typeof error.code === 'string' ? error.code : null
  const closeCode = code?.startsWith('WS_ERR_') ? (CLOSE_CODE_OF_WS_ERROR[code] ?? 1002) : null
  const message = error.message.length > MAX_LOGGED_MESSAGE ? `${error.message.slice(0, MAX_LOGGED_MESSAGE)}…` : error.message
  const what = closeCode === null ? `socket error ${code ?? 'without a code'}` : `protocol error ${code}, closed with ${closeCode}`
  return `netra web host: dropped one client (${what}): ${message}`
}

/** ws hands text frames over as Buffer(s); join them into the frame's text. */
function rawDataToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8')
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8')
  return data.toString('utf8')
}
