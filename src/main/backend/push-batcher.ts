import type { FrameRecord } from '../../shared/api/frame-record'
import { RecordsPushWriter, type RecordsPush } from '../sessions/records-push'

/**
 * A push is sent early, before its interval is up, once its serialised records reach this size
 * (96 KiB, about a hundred typical frames), for two reasons measured in a flood:
 * - the push becomes one string, and V8 allocates a string over 128 KiB in its large-object space,
 *   fresh pages every time: decoding 300 MB of 256 KiB pushes took 1.4 s, of 96 KiB pushes 30 ms
 *   (one-byte strings in the young generation). Typical frames overshoot the bound by one frame,
 *   so a push stays below 128 KiB;
 * - it is what the UI decodes and folds in one short task: during a flood the 50 ms timer fires
 *   late, and a 4 MiB push cost the page a ~100 ms task.
 */
export const MAX_PUSH_BYTES = 96 * 1024

/**
 * Coalesces a session's records into at most one push per interval, serialised as they arrive.
 *
 * The first record after a quiet period flushes on the next macrotask (so a synchronous
 * burst still travels as one batch); later records wait until the interval since the last
 * flush has passed. This bounds IPC traffic for floods without delaying a lone event by 50 ms.
 * A batch is also bounded in bytes: one that reaches `maxBytes` ({@link MAX_PUSH_BYTES}) is sent at
 * once, so no burst makes a push, the page's task that decodes it, or the memory behind it unbounded.
 * Records are held serialised ({@link RecordsPushWriter}), never as objects.
 */
export class PushBatcher {
  private readonly writer: RecordsPushWriter
  private timer: NodeJS.Timeout | null = null
  private lastFlush = -Infinity

  constructor(
    sessionId: string,
    private readonly deliver: (push: RecordsPush) => void,
    private readonly intervalMs = 50,
    private readonly maxBytes = MAX_PUSH_BYTES
  ) {
    this.writer = new RecordsPushWriter(sessionId)
  }

  /** Queue one record. */
  push(record: FrameRecord): void {
    this.writer.add(record)
    if (this.writer.byteLength >= this.maxBytes) return this.flush()
    if (this.timer) return
    const wait = Math.max(0, this.lastFlush + this.intervalMs - Date.now())
    this.timer = setTimeout(() => this.flush(), wait)
  }

  /** Deliver everything queued now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const push = this.writer.take()
    if (!push) return
    this.lastFlush = Date.now()
    this.deliver(push)
  }

  /** Deliver what is queued and drop the serialisation buffer: the session has ended. */
  release(): void {
    this.flush()
    this.writer.release()
  }
}
