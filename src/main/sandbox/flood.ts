import type { SandboxConnection } from './connection'
import { epochSeconds } from './envelopes'

/** Largest flood a client may ask for. */
export const MAX_FLOOD_COUNT = 1_000_000

const BURST = 512
const CHUNK_TEXT = 'lorem ipsum dolor sit amet'

/**
 * Stream `count` stream_chunk frames as fast as the client reads them, then flood_complete.
 *
 * Each burst waits for its last frame's send callback (handed to the kernel), so at most
 * one burst is ever buffered in user space whatever `count` is: a slow reader slows the
 * flood instead of growing memory.
 */
export async function streamFlood(conn: SandboxConnection, count: number): Promise<void> {
  let index = 0
  while (index < count) {
    if (!conn.open) return
    const end = Math.min(count, index + BURST)
    let flushed: Promise<void> = Promise.resolve()
    for (; index < end; index++) {
      flushed = conn.sendFlushed(
        JSON.stringify({
          type: 'stream_chunk',
          data: { index, total: count, chunk: `${CHUNK_TEXT} #${index}` },
          timestamp: epochSeconds()
        })
      )
    }
    await flushed
  }
  conn.send({ type: 'flood_complete', data: { count } })
}
