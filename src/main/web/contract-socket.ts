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

/** Serve contract calls arriving on an accepted socket. */
export function serveContractSocket(socket: WebSocket, handlers: ContractHandlers): void {
  socket.on('message', (data: RawData, isBinary: boolean) => {
    if (isBinary) {
      sendFrame(socket, malformed(UNATTRIBUTED_FRAME_ID, 'malformed frame: binary frames are not supported'))
      return
    }
    void answerCallFrame(handlers, rawDataToString(data)).then((reply) => sendFrame(socket, reply))
  })
}

/** ws hands text frames over as Buffer(s); join them into the frame's text. */
function rawDataToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8')
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8')
  return data.toString('utf8')
}
