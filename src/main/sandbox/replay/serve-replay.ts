import type { FrameRecord } from '../../../shared/api/frame-record'
import { startReplayServer, type ReplayServer } from './replay-server'

/** What `sandbox --replay` prints: where to point a client, and how the recording will be played. */
export function describeReplay(server: ReplayServer, file: string, speed: number): string[] {
  const { handshake, steps, ending } = server.plan
  const upgrade = handshake.ok ? `accepted${handshake.subprotocol ? ` (subprotocol ${handshake.subprotocol.split('.')[0]}…)` : ''}` : `refused with HTTP ${handshake.status ?? '(no answer)'}`
  const end = ending.kind === 'close' ? `server close ${ending.code}` : ending.kind === 'drop' ? 'dropped without a close' : "the client's close"
  return [
    `Replaying ${file} at ${speed}×: upgrade ${upgrade}, ${steps.length} server frames, then ${end}.`,
    'Each client gets its own playback; frames keep their delay after the client frame they followed.'
  ]
}

/** Start serving a recording's server side (see `startReplayServer`). */
export function serveReplay(records: readonly FrameRecord[], options: { port: number; speed: number }): Promise<ReplayServer> {
  return startReplayServer(records, options)
}
