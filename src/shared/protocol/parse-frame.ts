import type { AgentEvent } from './agent-event'
import { normaliseEnvelope } from './normalise-envelope'

/** Why a data frame could not be read as a protocol message. */
export type FrameFlag = 'malformed-json' | 'binary' | 'non-object'

/** A text frame read as a protocol message, or the reason it could not be. */
export type ParsedFrame = { event: AgentEvent; flag: FrameFlag | null } | { event: null; flag: FrameFlag }

/**
 * Parse one data frame. Malformed JSON and binary frames are flagged, never thrown:
 * the record keeps the verbatim bytes, and the UI shows both.
 */
export function parseFrame(encoding: 'utf8' | 'base64', data: string): ParsedFrame {
  if (encoding === 'base64') return { event: null, flag: 'binary' }
  let value: unknown
  try {
    value = JSON.parse(data)
  } catch {
    return { event: null, flag: 'malformed-json' }
  }
  const event = normaliseEnvelope(value)
  return { event, flag: event.envelope === 'unknown' && typeof value !== 'object' ? 'non-object' : null }
}
