import { performance } from 'node:perf_hooks'
import type { FrameRecord, FrameRecordDraft, MessageRecord } from '../../shared/api/frame-record'

/**
 * Gives records their `seq` and monotonic `t`, from one clock per session.
 * The wall-clock anchor is taken once, at construction, and goes only into `session-start`.
 */
export class RecordStamper {
  /** Epoch ms when the session started (the only wall-clock reading). */
  readonly wallClock = Date.now()
  private readonly origin = performance.now()
  private nextSeq = 0

  /** Milliseconds since the session started, monotonic, rounded to 0.1 ms. */
  elapsed(): number {
    return Math.round((performance.now() - this.origin) * 10) / 10
  }

  /** Stamp a draft with the next seq and the current offset. */
  stamp(draft: FrameRecordDraft): FrameRecord {
    const seq = this.nextSeq++
    const t = this.elapsed()
    // Data frames are nearly every record of a flood: one fixed-shape literal (no spread of a
    // megamorphic draft), so stamping, the push and the reducer all see one hidden class.
    if (draft.kind === 'message') {
      const message: MessageRecord = { seq, t, dir: draft.dir, kind: 'message', opcode: draft.opcode, encoding: draft.encoding, data: draft.data, size: draft.size }
      return message
    }
    return { ...draft, seq, t } as FrameRecord
  }
}
