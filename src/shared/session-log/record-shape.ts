import { FrameRecordSchema, type FrameRecord } from '../api/frame-record'

/**
 * The largest time a record may carry, in ms: for `t` (offset) and for the `session-start`
 * wall clock alike. Their sum stays below 8.64e15, the end of JavaScript's Date range, so every
 * exporter can turn any accepted record into an ISO date without throwing.
 */
export const MAX_RECORD_TIME_MS = 4e15

/** The answer of a shape check: the record, or why it is not one. */
export type RecordCheck = { record: FrameRecord; problem?: undefined } | { record?: undefined; problem: string }

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= MAX_RECORD_TIME_MS

/** Fields every record has; a reason when one is missing or out of range. */
function baseProblem(value: Record<string, unknown>): string | null {
  if (!isCount(value.seq)) return 'seq is not a non-negative integer'
  if (!isTime(value.t)) return `t is not a time offset between 0 and ${MAX_RECORD_TIME_MS} ms`
  if (value.dir !== 'in' && value.dir !== 'out' && value.dir !== 'local') return 'dir is not in, out or local'
  return null
}

/** Data and control frames: by far the most records, so checked by hand (no schema walk per frame). */
function frameProblem(value: Record<string, unknown>, data: unknown): string | null {
  if (typeof data !== 'string') return 'data is not a string'
  if (!isCount(value.size)) return 'size is not a non-negative integer'
  if (value.kind === 'message') {
    if (value.opcode !== 1 && value.opcode !== 2) return 'a message has opcode 1 or 2'
    if (value.encoding !== 'utf8' && value.encoding !== 'base64') return 'encoding is not utf8 or base64'
  } else if (value.opcode !== (value.kind === 'ping' ? 9 : 10)) return `a ${String(value.kind)} has opcode ${value.kind === 'ping' ? 9 : 10}`
  return null
}

/** Every finite-number rule the rare record kinds need beyond their schema (zod already rejects NaN and ±Infinity). */
function rareKindProblem(record: FrameRecord): string | null {
  if (record.kind === 'session-start' && !isTime(record.wallClock)) return `wallClock is not an epoch time between 0 and ${MAX_RECORD_TIME_MS} ms`
  if ((record.kind === 'handshake' || record.kind === 'preflight') && record.ms !== null && record.ms > MAX_RECORD_TIME_MS) return 'ms is out of range'
  return null
}

/**
 * Check that a parsed line is a record every reader and exporter can handle. `embeddedData` is a
 * message's frame cut from the line (format version 2), used instead of a `data` field.
 *
 * The hot kinds (message, ping, pong) are checked field by field; the rare ones (a handful per
 * session) go through the zod schema, whose message is what a human needs to see. Both apply
 * the same range limits the exporters rely on, so no accepted record can make an export throw.
 */
export function checkRecord(value: unknown, embeddedData?: string): RecordCheck {
  if (!isObject(value)) return { problem: 'not a JSON object' }
  const base = baseProblem(value)
  if (base) return { problem: base }
  const kind = value.kind
  if (kind === 'message' || kind === 'ping' || kind === 'pong') {
    const data = embeddedData ?? value.data
    const frame = frameProblem(value, data)
    if (frame) return { problem: frame }
    // A fresh object: unknown fields of a hand-edited file are dropped, as the schema would.
    const record =
      kind === 'message'
        ? { seq: value.seq, t: value.t, dir: value.dir, kind, opcode: value.opcode, encoding: value.encoding, data, size: value.size }
        : { seq: value.seq, t: value.t, dir: value.dir, kind, opcode: value.opcode, data, size: value.size }
    return { record: record as FrameRecord }
  }
  const parsed = FrameRecordSchema.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return { problem: issue ? `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}` : 'not a record' }
  }
  const rare = rareKindProblem(parsed.data)
  return rare ? { problem: rare } : { record: parsed.data }
}
