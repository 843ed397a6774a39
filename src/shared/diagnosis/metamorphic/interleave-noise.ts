import type { FrameRecord } from '../../api/frame-record'
import { buildHeartbeatAck, buildPing } from '../../protocol/client-messages'
import { readAgentFrame } from './agent-frame'
import type { Chooser } from './chooser'
import { backendLogFrame, heartbeatFrame, unknownTypeFrame } from './noise-frames'
import type { SessionTransformation } from './session-transformation'
import { inboundJson, insertAfter, messageWith } from './wire-frames'

const encoder = new TextEncoder()

function text(seq: number, t: number, dir: 'in' | 'out', data: string): FrameRecord {
  return { seq, t, dir, kind: 'message', opcode: 1, encoding: 'utf8', data, size: encoder.encode(data).length }
}

/**
 * Positions where the server was demonstrably talking: from its first frame up to (not
 * including) its last one. Noise after the last frame would break a silence that is the fault.
 */
function talkingSlots(records: readonly FrameRecord[]): number[] {
  const inbound = records.flatMap((record, index) => (record.kind === 'message' && record.dir === 'in' ? [index] : []))
  if (inbound.length < 2) return []
  const slots: number[] = []
  for (let index = inbound[0]; index < inbound[inbound.length - 1]; index++) slots.push(index)
  return slots
}

/** The session's first run (the Supervisor's opening event) and where it starts, for run-scoped logs. */
function ownRun(records: readonly FrameRecord[]): { runId: string; index: number } | null {
  for (let index = 0; index < records.length; index++) {
    const json = inboundJson(records[index])
    const agent = json && readAgentFrame(json)
    if (agent) return { runId: agent.runId, index }
  }
  return null
}

/** The records one piece of noise adds at time `t`: a frame, and the client's answer where it owes one. */
function noiseRecords(kind: number, wallClock: number, runId: string | null, choose: Chooser): Array<(t: number) => FrameRecord> {
  const at = (t: number): number => wallClock + t
  switch (kind) {
    case 0:
      return [(t) => messageWith({ seq: 0, t, dir: 'in' }, heartbeatFrame(at(t))), (t) => text(0, t, 'out', buildHeartbeatAck(at(t)))]
    case 1:
      return [(t) => messageWith({ seq: 0, t, dir: 'in' }, backendLogFrame(at(t), choose.chance(0.5) ? runId : null, choose))]
    case 2:
      return [(t) => messageWith({ seq: 0, t, dir: 'in' }, unknownTypeFrame(at(t), choose))]
    case 3:
      // A protocol-level ping from the server; the WebSocket library answers it by itself.
      return [(t) => ({ seq: 0, t, dir: 'in', kind: 'ping', opcode: 9, data: '', size: 0 })]
    default:
      return [(t) => text(0, t, 'out', buildPing(null, at(t))), (t) => messageWith({ seq: 0, t, dir: 'in' }, { type: 'pong', timestamp: at(t) / 1000 })]
  }
}

/** Heartbeats, `backend_log`, unknown types and pings arrive between any two frames (PROTOCOL.md §3). */
export const interleaveNoise: SessionTransformation = {
  id: 'interleaved-noise',
  title: 'heartbeats, backend_log, unknown event types and ping/pong between the frames',
  apply: (records, choose) => {
    const slots = talkingSlots(records)
    if (slots.length === 0) return [...records]
    const wallClock = records.find((record) => record.kind === 'session-start')?.wallClock ?? 0
    const run = ownRun(records)
    const count = 1 + choose.int(Math.min(6, slots.length))
    const insertions = Array.from({ length: count }, () => {
      const after = choose.pick(slots)
      // A log about a run only once that run has started.
      const runId = run !== null && after >= run.index ? run.runId : null
      return noiseRecords(choose.int(5), wallClock, runId, choose).map((make) => ({ after, make }))
    }).flat()
    return insertAfter(records, insertions)
  }
}
