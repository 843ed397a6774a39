import type { FrameRecord, MessageRecord } from '../../api/frame-record'

/** A received text frame carrying `message` as JSON (seq and t are set by `withFlood`). */
export function inboundFrame(message: object): MessageRecord {
  const data = JSON.stringify(message)
  return { seq: 0, t: 0, dir: 'in', kind: 'message', opcode: 1, encoding: 'utf8', data, size: data.length }
}

/** `records` with `flood` received right after their first inbound message, renumbered: seq n, t = n ms. */
export function withFlood(records: readonly FrameRecord[], flood: readonly FrameRecord[]): FrameRecord[] {
  const at = records.findIndex((record) => record.kind === 'message' && record.dir === 'in') + 1
  return [...records.slice(0, at), ...flood, ...records.slice(at)].map((record, seq) => ({ ...record, seq, t: seq }))
}
