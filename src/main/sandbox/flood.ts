import type { SandboxConnection } from './connection'
import { epochSeconds } from './envelopes'

/** Largest flood a client may ask for. */
export const MAX_FLOOD_COUNT = 1_000_000

const BURST = 512
const CHUNK_TEXT = 'lorem ipsum dolor sit amet'

/** Highest paced flood rate (frames per second) a client may ask for. */
export const MAX_FLOOD_RATE = 100_000

// A paced flood sends what is due every tick.
const TICK_MS = 10

/** What a flood sends: stream_chunk frames, or whole small runs (one run id each, for the timeline's 10 000-run case). */
export type FloodShape = 'chunks' | 'runs'

function floodFrames(shape: FloodShape, index: number, count: number): string[] {
  if (shape === 'chunks') {
    return [JSON.stringify({ type: 'stream_chunk', data: { index, total: count, chunk: `${CHUNK_TEXT} #${index}` }, timestamp: epochSeconds() })]
  }
  // A Supervisor-wrapped data_helper run: the smallest run the timeline draws with lanes, in 4 frames.
  const run = { run_id: `flood_run_${index}`, thread_id: 'flood_thread' }
  const event = (type: string, agent_name: string, status: string): string =>
    JSON.stringify({ type, ...run, agent_name, timestamp: new Date().toISOString(), data: { status } })
  return [
    event('agent_started', 'Supervisor', 'started'),
    event('agent_started', 'data_helper', 'started'),
    event('agent_completed', 'data_helper', 'completed'),
    event('agent_completed', 'Supervisor', 'completed')
  ]
}

/**
 * Stream `count` stream_chunk frames (or, with shape `runs`, `count` small runs) as fast as the client reads them (or, with `rate`, at
 * `rate` frames per second, each stamped with `sent_ms`, its epoch ms send time, so a client
 * can measure how long a frame takes to reach the screen), then flood_complete.
 *
 * Each burst waits for its last frame's send callback (handed to the kernel), so at most
 * one burst is ever buffered in user space whatever `count` is: a slow reader slows the
 * flood instead of growing memory.
 */
export async function streamFlood(conn: SandboxConnection, count: number, rate?: number, shape: FloodShape = 'chunks'): Promise<void> {
  if (rate !== undefined) return streamPacedFlood(conn, count, rate)
  let index = 0
  while (index < count) {
    if (!conn.open) return
    const end = Math.min(count, index + BURST)
    let flushed: Promise<void> = Promise.resolve()
    for (; index < end; index++) {
      for (const frame of floodFrames(shape, index, count)) flushed = conn.sendFlushed(frame)
    }
    await flushed
  }
  conn.send({ type: 'flood_complete', data: { count } })
}

async function streamPacedFlood(conn: SandboxConnection, count: number, rate: number): Promise<void> {
  const started = Date.now()
  let index = 0
  while (index < count) {
    if (!conn.open) return
    const due = Math.min(count, Math.floor(((Date.now() - started) * rate) / 1000) + 1)
    let flushed: Promise<void> = Promise.resolve()
    for (; index < due; index++) {
      flushed = conn.sendFlushed(
        JSON.stringify({
          type: 'stream_chunk',
          data: { index, total: count, chunk: `${CHUNK_TEXT} #${index}`, sent_ms: Date.now() },
          timestamp: epochSeconds()
        })
      )
    }
    await flushed
    await new Promise((resolve) => setTimeout(resolve, TICK_MS))
  }
  conn.send({ type: 'flood_complete', data: { count } })
}
