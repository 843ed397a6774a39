import type { FrameRecord, MessageRecord } from '../../api/frame-record'

/** One server message as parsed JSON. */
export type JsonFrame = Record<string, unknown>

/** A frame-level rewrite: one JSON frame the server would send becomes zero or more frames. */
export type FrameRewrite = (frame: JsonFrame) => JsonFrame[]

const encoder = new TextEncoder()

function isObject(value: unknown): value is JsonFrame {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The JSON object of an inbound text frame; null for anything else (binary, malformed, non-object, outbound). */
export function inboundJson(record: FrameRecord): JsonFrame | null {
  if (record.kind !== 'message' || record.dir !== 'in' || record.encoding !== 'utf8') return null
  try {
    const value: unknown = JSON.parse(record.data)
    return isObject(value) ? value : null
  } catch {
    return null
  }
}

/** A text message record carrying `json`, with `data` the exact text and `size` its UTF-8 byte length. */
export function messageWith(template: Pick<MessageRecord, 'seq' | 't' | 'dir'>, json: JsonFrame): MessageRecord {
  const data = JSON.stringify(json)
  return { seq: template.seq, t: template.t, dir: template.dir, kind: 'message', opcode: 1, encoding: 'utf8', data, size: encoder.encode(data).length }
}

/** Give records consecutive `seq` numbers from 0, in their order; the session stamps them so. */
export function renumber(records: readonly FrameRecord[]): FrameRecord[] {
  return records.map((record, seq) => (record.seq === seq ? record : { ...record, seq }))
}

/**
 * Rewrite every inbound JSON frame of a session (each at its own time), leaving every other
 * record (preflight, handshake, outbound, control, close, malformed or binary frames) as it is.
 */
export function rewriteInboundFrames(records: readonly FrameRecord[], rewrite: FrameRewrite): FrameRecord[] {
  const out: FrameRecord[] = []
  for (const record of records) {
    const json = inboundJson(record)
    if (json === null) {
      out.push(record)
      continue
    }
    const frames = rewrite(json)
    // A frame handed back untouched keeps its record: the exact text the server sent.
    if (frames.length === 1 && frames[0] === json) out.push(record)
    else for (const frame of frames) out.push(messageWith(record, frame))
  }
  return renumber(out)
}

/**
 * Insert records after given positions (index into `records`), stamped with the time of the
 * record they follow, so no existing timing changes. Several insertions may share a position.
 */
export function insertAfter(
  records: readonly FrameRecord[],
  insertions: ReadonlyArray<{ after: number; make: (t: number) => FrameRecord }>
): FrameRecord[] {
  const byPosition = new Map<number, Array<(t: number) => FrameRecord>>()
  for (const insertion of insertions) {
    const list = byPosition.get(insertion.after) ?? []
    list.push(insertion.make)
    byPosition.set(insertion.after, list)
  }
  const out: FrameRecord[] = []
  records.forEach((record, index) => {
    out.push(record)
    for (const make of byPosition.get(index) ?? []) out.push(make(record.t))
  })
  return renumber(out)
}

/** Apply rewrites one after another: every frame the first yields goes through the second, and so on. */
export function composeRewrites(...rewrites: readonly FrameRewrite[]): FrameRewrite {
  return (frame) => rewrites.reduce<JsonFrame[]>((frames, rewrite) => frames.flatMap(rewrite), [frame])
}
