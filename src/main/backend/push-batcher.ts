/**
 * Coalesces items into at most one flush per interval.
 *
 * The first item after a quiet period flushes on the next macrotask (so a synchronous
 * burst still travels as one batch); later items wait until the interval since the last
 * flush has passed. This bounds IPC traffic for floods without delaying a lone event by 50 ms.
 */
export class PushBatcher<T> {
  private pending: T[] = []
  private timer: NodeJS.Timeout | null = null
  private lastFlush = -Infinity

  constructor(
    private readonly flushItems: (items: T[]) => void,
    private readonly intervalMs = 50
  ) {}

  /** Queue one item. */
  push(item: T): void {
    this.pending.push(item)
    if (this.timer) return
    const wait = Math.max(0, this.lastFlush + this.intervalMs - Date.now())
    this.timer = setTimeout(() => this.flush(), wait)
  }

  /** Deliver everything queued now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (this.pending.length === 0) return
    const items = this.pending
    this.pending = []
    this.lastFlush = Date.now()
    this.flushItems(items)
  }
}
