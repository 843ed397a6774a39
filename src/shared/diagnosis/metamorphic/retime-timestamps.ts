import { toEpochMs } from '../../protocol/normalise-envelope'
import type { Chooser } from './chooser'
import type { SessionTransformation } from './session-transformation'
import { rewriteInboundFrames, type FrameRewrite, type JsonFrame } from './wire-frames'

function isObject(value: unknown): value is JsonFrame {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The same instant in the other form: epoch seconds (float) ↔ ISO 8601. */
function otherForm(value: unknown): unknown {
  const ms = toEpochMs(value)
  if (ms === null) return value
  return typeof value === 'number' ? new Date(ms).toISOString() : ms / 1000
}

/**
 * Envelope timestamps (the top level and a wrapper's payload) flipped between epoch seconds
 * and ISO strings, frame by frame. The event's own `data` is left alone: it is content.
 */
export function retimeTimestampsRewrite(choose: Chooser): FrameRewrite {
  return (frame) => {
    const flip = (holder: JsonFrame): void => {
      if ('timestamp' in holder && choose.chance(0.6)) holder.timestamp = otherForm(holder.timestamp)
    }
    const copy: JsonFrame = { ...frame }
    flip(copy)
    if (isObject(copy.data) && isObject(copy.data.payload)) {
      copy.data = { ...copy.data, payload: { ...copy.data.payload } }
      flip((copy.data as JsonFrame).payload as JsonFrame)
    }
    return [copy]
  }
}

/** Timestamps come as epoch seconds or ISO strings (PROTOCOL.md §3). */
export const retimeTimestamps: SessionTransformation = {
  id: 'timestamp-forms',
  title: 'timestamps as epoch seconds or ISO strings, frame by frame',
  apply: (records, choose) => rewriteInboundFrames(records, retimeTimestampsRewrite(choose))
}
