import type { FrameRecord } from '../../api/frame-record'
import { normaliseEnvelope } from '../../protocol/normalise-envelope'
import { inboundJson } from './wire-frames'

/** What the app's normaliser reads from one inbound frame: the fields the diagnosis uses. */
export type WireReading = {
  seq: number
  t: number
  type: string
  runId: string | null
  threadId: string | null
  userId: string | null
  agentName: string | null
  toolName: string | null
  status: string | null
  data: Record<string, unknown>
  timestamp: number | null
}

/** Every inbound JSON frame of a session as the normaliser reads it (what "the same wire meaning" is checked against). */
export function wireReadings(records: readonly FrameRecord[]): WireReading[] {
  return records.flatMap((record) => {
    const json = inboundJson(record)
    if (json === null) return []
    const event = normaliseEnvelope(json)
    return [
      {
        seq: record.seq,
        t: record.t,
        type: event.type,
        runId: event.runId,
        threadId: event.threadId,
        userId: event.userId,
        agentName: event.agentName,
        toolName: event.toolName,
        status: event.status,
        data: event.data,
        timestamp: event.timestamp
      }
    ]
  })
}

/** The agent events only (a run id and an agent name): what the runs and the five critical events are built from. */
export function agentReadings(records: readonly FrameRecord[]): WireReading[] {
  return wireReadings(records).filter((reading) => reading.runId !== null && reading.agentName !== null)
}
