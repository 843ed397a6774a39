/** How big one push may grow before it goes out without waiting for the interval. */
export type PushLimit<T> = {
  /** Most weight one push carries (e.g. characters of frame text). */
  maxWeight: number
  /** The weight of one item; called once per item. */
  weigh(item: T): number
}

/**
 * Coalesces items into at most one flush per interval, and no flush heavier than a limit.
 *
 * The first item after a quiet period flushes on the next macrotask (so a synchronous
 * burst still travels as one batch); later items wait until the interval since the last
 * flush has passed. This bounds IPC traffic for floods without delaying a lone event by 50 ms.
 *
 * With a `limit`, a batch that reaches it is flushed at once: during a flood the process is
 * too busy to run the interval's timer on time, and an unbounded batch (megabytes of frames)
 * becomes one message the UI must decode and fold in one long task. A bounded push costs the
 * UI a bounded task, however fast frames arrive.
 */
export class PushBatcher<T> {
  private pending: T[] = []
  private pendingWeight = 0
  private timer: NodeJS.Timeout | null = null
  private lastFlush = -Infinity

  constructor(
    private readonly flushItems: (items: T[]) => void,
    private readonly intervalMs = 50,
    private readonly limit?: PushLimit<T>
  ) {}

  /** Queue one item. */
  push(item: T): void {
    this.pending.push(item)
    if (this.limit) {
      this.pendingWeight += this.limit.weigh(item)
      if (this.pendingWeight >= this.limit.maxWeight) {
        this.flush()
        return
      }
    }
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
    this.pendingWeight = 0
    this.lastFlush = Date.now()
    this.flushItems(items)
  }
}
