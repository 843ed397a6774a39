import type { ExportFile } from './export-file'

/** Room kept free after the text in a buffer: the escaper stores 16-byte blocks whole. */
const SLACK = 16

/**
 * Output gathered into a few big reused buffers, each written out in one queued write when it is
 * full: the file writes one while the next is filled (a fresh buffer per write cost a page fault
 * per 4 KiB; one string per segment made a rope that cost more to flatten than everything else).
 * `buffer` and `length` are the current buffer and how much of it is filled: callers that write
 * bytes themselves (the escaper) write at `length` and move it on.
 */
export class OutputPool {
  buffer: Buffer
  length = 0
  private current = 0
  private readonly written: Array<Promise<void> | null>

  constructor(
    private readonly file: ExportFile,
    private readonly buffers: Buffer[]
  ) {
    this.buffer = buffers[0]
    this.written = buffers.map(() => null)
  }

  /** The most one piece may take to be written in place (larger text goes to the file directly). */
  get capacity(): number {
    return this.buffer.length - SLACK
  }

  /** Is there room for `bytes` more in the current buffer? */
  fits(bytes: number): boolean {
    return this.length + bytes <= this.buffer.length - SLACK
  }

  /** Make room for `bytes` (at most `capacity`): hand the current buffer to the file and take the next free one. */
  async reserve(bytes: number): Promise<void> {
    if (this.fits(bytes)) return
    if (this.length > 0) {
      const write = this.file.queue(this.buffer.subarray(0, this.length))
      write.catch(() => undefined)
      this.written[this.current] = write
    }
    this.current = (this.current + 1) % this.buffers.length
    // The buffer's last write must be done before it is filled again (its failure is thrown here).
    await this.written[this.current]
    this.written[this.current] = null
    this.buffer = this.buffers[this.current]
    this.length = 0
  }

  /** Append text (any Unicode), making room first; text too long for a buffer is written straight to the file, in order. */
  async text(text: string): Promise<void> {
    // UTF-8 needs at most 3 bytes per UTF-16 unit.
    if (text.length * 3 <= this.capacity) {
      await this.reserve(text.length * 3)
      this.length += this.buffer.write(text, this.length)
      return
    }
    await this.flush()
    await this.file.write(text)
  }

  /** Append text whose room was reserved (ASCII, or any text within `3 × length` bytes). */
  put(text: string): void {
    this.length += this.buffer.write(text, this.length)
  }

  /** Write out everything gathered and wait until the file has it all. */
  async flush(): Promise<void> {
    if (this.length > 0) await this.reserve(this.capacity + 1)
    for (let i = 0; i < this.written.length; i++) {
      await this.written[i]
      this.written[i] = null
    }
  }
}
