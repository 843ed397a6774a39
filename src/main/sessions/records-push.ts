import type { EventPayload } from '../../shared/api/contract'
import type { FrameRecord } from '../../shared/api/frame-record'
import type { WebEventFrame } from '../../shared/api/web-wire'

/** Where a push keeps its serialised form (a symbol: JSON, IPC's structured clone and the wire never see it). */
const SERIALISED = Symbol('records-push.serialised')

/** What a serialised push carries besides its payload. */
type Serialised = { text: string; count: number }

/**
 * A `session.records` payload whose web event frame is already serialised: `text` is exactly
 * `JSON.stringify({ event: 'session.records', payload: { sessionId, records } })`. `records` is an
 * ordinary enumerable property to every reader (JSON, structured clone, the CLI's watcher), parsed
 * from the text on first read only, so a host that sends the text never builds the records at all.
 */
export type RecordsPush = EventPayload<'session.records'> & { readonly [SERIALISED]: Serialised }

/** The serialised web event frame of a push built by {@link RecordsPushWriter}, or null for any other payload. */
export function serialisedRecordsPush(payload: unknown): Serialised | null {
  if (typeof payload !== 'object' || payload === null || !(SERIALISED in payload)) return null
  return (payload as RecordsPush)[SERIALISED]
}

/** The buffer a session's batches are written into starts this big and doubles as a batch needs. */
const INITIAL_BYTES = 64 * 1024

/**
 * Serialises one session's pushed records as they are stamped, straight into the text the web
 * host sends, so a record lives only for the tick that stamped it.
 *
 * Before, the batcher kept the record objects (and their frame strings) for up to 50 ms and the
 * web host stringified the batch: at a flood's rate V8's young generation is collected every
 * 20–80 ms, so about half of every frame's text survived into the old generation as garbage and
 * the old space grew by tens of MB between major collections. Here each record is serialised by
 * `JSON.stringify` (exactly as the batch's stringify writes it) and written as UTF-8 into one
 * buffer outside the V8 heap, reused from batch to batch; `take` decodes the batch into one string,
 * which the young generation frees as soon as it is sent. (Handing the buffer itself to the web host
 * and starting a fresh one per push was measured worse: an array buffer's memory is returned only
 * once a GC has swept it, and during a flood up to 80 MB of them waited for that.) `release` drops
 * the buffer once the session has ended.
 */
export class RecordsPushWriter {
  private buffer: Buffer | null = null
  private length = 0
  private records = 0
  private readonly head: string

  constructor(private readonly sessionId: string) {
    // The key order of `{ event, payload: { sessionId, records } }`, as the web host wrote it.
    this.head = `{"event":"session.records","payload":${JSON.stringify({ sessionId }).slice(0, -1)},"records":[`
  }

  /** Records serialised since the last `take`. */
  get count(): number {
    return this.records
  }

  /** Bytes serialised since the last `take` (the frame so far, as UTF-8). */
  get byteLength(): number {
    return this.length
  }

  /** Bytes of memory held between batches (the reused buffer). */
  get retainedBytes(): number {
    return this.buffer?.length ?? 0
  }

  /** Serialise one record at the end of the batch. */
  add(record: FrameRecord): void {
    const json = JSON.stringify(record)
    // UTF-8 needs at most 3 bytes per UTF-16 unit (JSON.stringify escapes lone surrogates); +1 for the comma.
    const worst = json.length * 3 + 1
    if (this.records === 0) {
      // The head holds the session id, which may be any text: UTF-8 too.
      this.reserve(this.head.length * 3 + worst)
      this.length = this.buffer!.write(this.head, 0, 'utf8')
    } else {
      this.reserve(worst)
      this.buffer![this.length++] = 0x2c
    }
    this.length += this.buffer!.write(json, this.length, 'utf8')
    this.records++
  }

  /** The batch as a push, or null when nothing was added since the last one. */
  take(): RecordsPush | null {
    if (this.records === 0 || !this.buffer) return null
    this.reserve(3)
    this.length += this.buffer.write(']}}', this.length, 'latin1')
    // One flat string (a concatenation here would make V8 copy it again on first read).
    const text = this.buffer.toString('utf8', 0, this.length)
    const push = recordsPush(this.sessionId, text, this.records)
    this.length = 0
    this.records = 0
    return push
  }

  /** Drop the reused buffer (the session has ended); a later record allocates a small one again. */
  release(): void {
    if (this.records === 0) this.buffer = null
  }

  private reserve(bytes: number): void {
    const needed = this.length + bytes
    if (this.buffer && needed <= this.buffer.length) return
    const size = Math.max(needed, this.buffer ? this.buffer.length * 2 : INITIAL_BYTES)
    const grown = Buffer.allocUnsafe(size)
    if (this.buffer) this.buffer.copy(grown, 0, 0, this.length)
    this.buffer = grown
  }
}

/**
 * `records` of every push: one function shared by all of them, reading the push's own text. A
 * closure per push would make V8 give every push its own hidden class, and the transition to it
 * keeps the closure (and so the push's text) alive until the next full collection: measured, it
 * turned each push into old-generation garbage.
 */
function readRecords(this: { [SERIALISED]: Serialised & { records?: FrameRecord[] } }): FrameRecord[] {
  const state = this[SERIALISED]
  return (state.records ??= (JSON.parse(state.text) as WebEventFrame & { payload: { records: FrameRecord[] } }).payload.records)
}

/** The payload object: `sessionId`, then `records` (parsed from the text on first read), in the order JSON wrote them. */
function recordsPush(sessionId: string, text: string, count: number): RecordsPush {
  const push = { sessionId } as { sessionId: string; records: FrameRecord[]; [SERIALISED]: Serialised }
  Object.defineProperty(push, 'records', { enumerable: true, get: readRecords })
  push[SERIALISED] = { text, count }
  return push as RecordsPush
}
