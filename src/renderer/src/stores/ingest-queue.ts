import type { FrameRecord } from '../../../shared/api/frame-record'

/** Records applied between two checks of the clock. */
const SLICE = 512
/** Work per task before yielding to the browser (input, rendering, the next pushes). */
const BUDGET_MS = 8

type Pending = { sessionId: string; records: readonly FrameRecord[]; offset: number }

// A fresh task without setTimeout's 4 ms clamp; setTimeout where there is no MessageChannel.
function nextTask(run: () => void): void {
  if (typeof MessageChannel === 'undefined') {
    setTimeout(run, 0)
    return
  }
  const channel = new MessageChannel()
  channel.port1.onmessage = () => {
    channel.port1.close()
    run()
  }
  channel.port2.postMessage(null)
}

/**
 * Applies record batches in order, in slices, within a time budget per task.
 *
 * A push is normally a few hundred records and is applied at once; a big one (a backlog page,
 * or pushes that piled up while the page was busy) is applied `SLICE` records at a time, yielding
 * to the browser every `BUDGET_MS`, so no single task blocks the UI however much arrives.
 */
export class IngestQueue {
  private readonly queue: Pending[] = []
  private readonly queuedLast = new Map<string, number>()
  private scheduled = false
  private running = false
  // A window lasts from the first run in a task until a task posted then runs: pushes that the
  // browser delivers together in one task (a backlog) share one budget.
  private windowOpen = false
  private spent = 0
  private appliedInWindow = 0
  private waiters: (() => void)[] = []

  constructor(private readonly apply: (sessionId: string, records: readonly FrameRecord[]) => void) {}

  /** Queue a batch; applied before this returns when nothing is waiting and it fits the budget. */
  push(sessionId: string, records: readonly FrameRecord[]): void {
    if (records.length === 0) return
    this.queue.push({ sessionId, records, offset: 0 })
    this.queuedLast.set(sessionId, records[records.length - 1].seq)
    if (!this.scheduled && !this.running) this.run()
  }

  /** The last seq queued for a session and not applied yet, if any. */
  lastSeq(sessionId: string): number | undefined {
    return this.queuedLast.get(sessionId)
  }

  /** Resolves once everything queued so far has been applied. */
  drained(): Promise<void> {
    if (this.queue.length === 0) return Promise.resolve()
    return new Promise((resolve) => this.waiters.push(resolve))
  }

  private run(): void {
    this.scheduled = false
    if (!this.windowOpen) {
      this.windowOpen = true
      this.spent = 0
      this.appliedInWindow = 0
      nextTask(() => {
        this.windowOpen = false
        if (this.scheduled) this.run()
      })
    }
    // This window's budget went to earlier pushes: the rest waits for the next task.
    // A few small pushes always go straight through.
    if (this.spent >= BUDGET_MS && this.appliedInWindow >= SLICE) {
      this.scheduled = true
      return
    }
    const started = performance.now()
    this.running = true
    try {
      this.drainFor(started)
    } finally {
      this.running = false
      this.spent += performance.now() - started
    }
  }

  private drainFor(started: number): void {
    while (this.queue.length > 0) {
      const head = this.queue[0]
      const end = Math.min(head.records.length, head.offset + SLICE)
      const slice = head.offset === 0 && end === head.records.length ? head.records : head.records.slice(head.offset, end)
      head.offset = end
      if (end === head.records.length) {
        this.queue.shift()
        if (!this.queue.some((pending) => pending.sessionId === head.sessionId)) this.queuedLast.delete(head.sessionId)
      }
      this.apply(head.sessionId, slice)
      this.appliedInWindow += slice.length
      if (this.queue.length > 0 && this.spent + performance.now() - started >= BUDGET_MS) {
        // The task posted when the window opened runs the rest.
        this.scheduled = true
        return
      }
    }
    const waiters = this.waiters
    this.waiters = []
    for (const resolve of waiters) resolve()
  }
}
