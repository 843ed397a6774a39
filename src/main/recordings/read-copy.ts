import { open, rm, type FileHandle } from 'node:fs/promises'

/**
 * A second file that receives, at the same offsets, every byte a reader reads from a recording,
 * as it reads it: the CLI's NDJSON export keeps it as its output when indexing found every line
 * copyable as it is, so the file is read once instead of being read by the index and copied by
 * the OS at the same time (on two cores those two passes took as long as one after the other).
 *
 * Writes run beside the reads; a buffer may be read into again only once its write is done
 * ({@link busy}). The first write error stops the copy and is what {@link finish} rejects with.
 */
export class ReadCopy {
  private readonly pending = new Map<Buffer, Promise<void>>()
  private failure: Error | null = null

  private constructor(
    readonly path: string,
    private readonly handle: FileHandle
  ) {}

  /** Create `path` as a new private file (0600), replacing any file there. */
  static async create(path: string): Promise<ReadCopy> {
    await rm(path, { force: true })
    return new ReadCopy(path, await open(path, 'wx', 0o600))
  }

  /** Write `buffer[0, length)` at `position` of the copy, beside whatever the reader does next. */
  write(buffer: Buffer, length: number, position: number): void {
    if (this.failure || length === 0) return
    const write = this.handle.write(buffer, 0, length, position).then(
      () => {
        if (this.pending.get(buffer) === write) this.pending.delete(buffer)
      },
      (error: Error) => {
        this.failure ??= error
        this.pending.delete(buffer)
      }
    )
    this.pending.set(buffer, write)
  }

  /** The write still using `buffer`, if any: the reader waits for it before reading into it again. */
  busy(buffer: Buffer): Promise<void> | undefined {
    return this.pending.get(buffer)
  }

  /** Wait for every write, close the copy; rejects with the first write error (the copy is then left for the caller to remove). */
  async finish(): Promise<void> {
    await Promise.all(this.pending.values())
    await this.handle.close()
    if (this.failure) throw this.failure
  }

  /** Stop: wait for the writes, close and remove the copy. Never throws. */
  async discard(): Promise<void> {
    await Promise.all(this.pending.values())
    await this.handle.close().catch(() => undefined)
    await rm(this.path, { force: true }).catch(() => undefined)
  }
}
