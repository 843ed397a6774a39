import type { FrameRecord } from '../../api/frame-record'
import type { AgentEvent } from '../../protocol/agent-event'
import { normaliseEnvelope } from '../../protocol/normalise-envelope'
import { inboundJson } from './wire-frames'

/**
 * What the app's normaliser reads from one inbound frame: the AgentEvent the diagnosis uses, without
 * the envelope shape and the raw message (those are exactly what a wire-preserving change may alter).
 */
export type WireReading = Omit<AgentEvent, 'envelope' | 'raw'> & { seq: number; t: number }

/** Every inbound JSON frame of a session as the normaliser reads it (what "the same wire meaning" is checked against). */
export function wireReadings(records: readonly FrameRecord[]): WireReading[] {
  return records.flatMap((record) => {
    const json = inboundJson(record)
    if (json === null) return []
    const { envelope: _envelope, raw: _raw, ...reading } = normaliseEnvelope(json)
    return [{ seq: record.seq, t: record.t, ...reading }]
  })
}

/** The agent events only (a run id and an agent name): what the runs and the five critical events are built from. */
export function agentReadings(records: readonly FrameRecord[]): WireReading[] {
  return wireReadings(records).filter((reading) => reading.runId !== null && reading.agentName !== null)
}
