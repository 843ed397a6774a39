import { BULK_OUTPUT_TYPES } from '../../shared/session-model'

/** Bulk output frames (their type as the frame's first key, as the platform sends them). */
const BULK_HEADS = [...BULK_OUTPUT_TYPES].map((type) => ({ type, head: Buffer.from(`{"type":"${type}"`) }))
/** Fields that would put a frame into a run or name an agent: such a frame is folded in full. */
const RUN_FIELDS = ['"run_id"', '"agent_name"'].map((field) => Buffer.from(field))

/** Does `buffer[start, end)` start with `head`? (A plain loop: for ~20 bytes a native call costs more.) */
function startsWith(buffer: Buffer, start: number, end: number, head: Buffer): boolean {
  if (start + head.length > end) return false
  for (let i = 0; i < head.length; i++) if (buffer[start + i] !== head[i]) return false
  return true
}

/**
 * Where a field's name next occurs in a segment, searched forward once per segment: asking per
 * frame (a slice and a search of each) cost as much as escaping the frame. A search from a frame
 * stops at the next occurrence, which later frames reuse until they pass it. The search looks for
 * the name's tail from its underscore (`_id"`), rare in frames, then checks the rest: a search
 * led by a quote stops at every quote of the text and ran 20 times slower.
 */
class FieldFinder {
  private buffer: Buffer | null = null
  /** The first occurrence at or after every position up to `from` (-1: none). */
  private at = -1
  private from = 0
  private readonly tail: Buffer
  private readonly lead: number

  constructor(private readonly field: Buffer) {
    this.lead = Math.max(0, field.indexOf(0x5f))
    this.tail = field.subarray(this.lead)
  }

  /** Start over on a segment's bytes (`buffer` ends where its lines end). */
  reset(buffer: Buffer): void {
    this.buffer = buffer
    this.at = -1
    this.from = 0
  }

  /** Does the field occur wholly inside `[start, end)`? Frames must be asked about in order. */
  within(start: number, end: number): boolean {
    const buffer = this.buffer
    if (buffer === null) return false
    if (this.from <= start) {
      this.at = this.next(buffer, start)
      this.from = this.at < 0 ? Number.POSITIVE_INFINITY : this.at + 1
    }
    return this.at >= start && this.at + this.field.length <= end
  }

  /** The first occurrence of the field at or after `start`, or -1. */
  private next(buffer: Buffer, start: number): number {
    const { field, tail, lead } = this
    for (let tailAt = buffer.indexOf(tail, start + lead); tailAt >= 0; tailAt = buffer.indexOf(tail, tailAt + 1)) {
      const at = tailAt - lead
      if (buffer.compare(field, 0, lead, at, tailAt) === 0) return at
    }
    return -1
  }
}

/**
 * The types of embedded bulk output frames that name no run and no agent. Such a frame adds to
 * the model only its row (label, size, direction) and its stand-in text, which the summary keeps
 * anyway: it can be folded without parsing it.
 */
export class BulkFrames {
  private readonly finders = RUN_FIELDS.map((field) => new FieldFinder(field))

  /** Start over on a segment's bytes. */
  reset(buffer: Buffer): void {
    for (const finder of this.finders) finder.reset(buffer)
  }

  /** The frame's bulk type, or null (frames in order within a segment). */
  typeOf(buffer: Buffer, jsonStart: number, end: number): string | null {
    for (const { type, head } of BULK_HEADS) {
      if (!startsWith(buffer, jsonStart, end, head)) continue
      return this.finders.some((finder) => finder.within(jsonStart, end)) ? null : type
    }
    return null
  }
}

