import type { FrameRecord } from '../../../shared/api/frame-record'

/** One page of a session's records, as `session.records` returns it. */
export type RecordPage = { records: FrameRecord[]; nextSeq: number; done: boolean }

/** Records per fetch: a page is decoded and parsed in one task, so it stays ~1 MB (as the backlog's). */
export const REPLAY_PAGE = 1024

/**
 * A session's records in order, for a replay: fetched a page at a time with the next page on its
 * way while this one is used, so at most two pages are held whatever the session's size (the
 * replay used to fetch every record first: a 1 GB recording would have sat in the page). Taking
 * what is already here is synchronous; `ready` waits for the next page. `restart` goes back to
 * the first record; a page still on its way from before is then dropped.
 */
export class ReplayReader {
  /** Records taken since the start (or the last restart). */
  position = 0
  private pages: FrameRecord[][] = []
  /** Index of the next record in `pages[0]`. */
  private offset = 0
  private nextSeq = 0
  private done = false
  private fetching: Promise<void> | null = null
  private epoch = 0

  constructor(private readonly fetchPage: (fromSeq: number, limit: number) => Promise<RecordPage>) {}

  /** Back to the first record (nothing to do when none was taken: what is held is the start). */
  restart(): void {
    if (this.position === 0) return
    this.epoch++
    this.position = 0
    this.pages = []
    this.offset = 0
    this.nextSeq = 0
    this.done = false
    this.fetching = null
  }

  /** The next record, if it is here already. */
  peek(): FrameRecord | undefined {
    return this.pages[0]?.[this.offset]
  }

  /** Up to `count` records that are here already (none when the next page is still on its way). */
  takeHere(count: number): FrameRecord[] {
    const page = this.pages[0]
    if (!page || count <= 0) return []
    const taken = page.slice(this.offset, this.offset + count)
    this.offset += taken.length
    this.position += taken.length
    if (this.offset >= page.length) {
      this.pages.shift()
      this.offset = 0
    }
    this.fetchAhead()
    return taken
  }

  /** Resolves true once the next record is here, false when there is none left. Rejects when a fetch fails. */
  async ready(): Promise<boolean> {
    for (;;) {
      if (this.peek()) return true
      if (this.done && this.pages.length === 0) return false
      const epoch = this.epoch
      this.fetchAhead()
      await this.fetching
      // Restarted meanwhile: the caller's reader position is gone; it checks its own token.
      if (epoch !== this.epoch) return this.peek() !== undefined
    }
  }

  /** `count` records (fewer at the end), waiting for pages as needed. */
  async take(count: number): Promise<FrameRecord[]> {
    const taken: FrameRecord[] = []
    while (taken.length < count && (await this.ready())) taken.push(...this.takeHere(count - taken.length))
    return taken
  }

  /** Fetch the next page unless one is held beyond the current one, is on its way, or the session is done. */
  private fetchAhead(): void {
    if (this.fetching || this.done || this.pages.length > 1) return
    const epoch = this.epoch
    const task = this.fetchPage(this.nextSeq, REPLAY_PAGE).then((page) => {
      if (epoch !== this.epoch) return
      this.fetching = null
      if (page.records.length > 0) this.pages.push(page.records)
      this.nextSeq = page.nextSeq
      this.done = page.done || page.records.length === 0
      // The page just used up may leave only this one: fetch the one after it now.
      this.fetchAhead()
    })
    const settled = task.catch((error: unknown) => {
      if (epoch === this.epoch) this.fetching = null
      throw error
    })
    this.fetching = settled
    // A failure reaches whoever waits in `ready`; a read-ahead nobody waits for must not go unhandled.
    settled.catch(() => undefined)
  }
}
