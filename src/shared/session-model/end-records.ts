import type { SessionModel } from './session-model'

/** Where a finished recording stops while its connection was still connecting or open. */
export type CutOff = {
  /** Seq and `t` of the recording's last record. */
  seq: number
  t: number
  /** Epoch ms of that record, when the recording has its wall-clock anchor. */
  wallClock: number | null
}

/**
 * Mark the record stream as ended: every record the source will ever give has been applied
 * (a recording read to its end). A live session is never ended, so a connection still open
 * stays open; an ended one without its close is cut off instead (see `cutOffAt`).
 */
export function endRecords(model: SessionModel): SessionModel {
  if (model.ended) return model
  return { ...model, ended: true, version: model.version + 1 }
}

/**
 * The cut-off of a finished recording whose connection never ended (a crash, a kill): its last
 * record is not a close, so the connection's fate is unknown — it is not "open". Null for a live
 * stream, an empty one, and one whose last attempt closed or was refused.
 */
export function cutOffAt(model: SessionModel): CutOff | null {
  if (!model.ended || (model.state !== 'open' && model.state !== 'connecting')) return null
  const last = model.rows.at(-1)
  if (!last) return null
  const wallClock = model.start ? model.start.wallClock + last.t : null
  return { seq: last.seq, t: last.t, wallClock }
}

/** "cut off — the recording ends at 10:04:05 UTC (+5.2 s) without a close": what every view says. */
export function cutOffLine(cutOff: CutOff, formatOffset: (ms: number) => string): string {
  const clock = cutOff.wallClock === null ? '' : `${new Date(cutOff.wallClock).toISOString().slice(11, 19)} UTC `
  return `cut off — the recording ends at ${clock}(+${formatOffset(cutOff.t)}) without a close`
}
