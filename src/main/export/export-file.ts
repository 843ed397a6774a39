import { once } from 'node:events'
import { createWriteStream, mkdirSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { Writable } from 'node:stream'

/**
 * Where an export streams to: a file created 0600 (exports carry session data, like
 * recordings), or an open stream such as standard output (left open at the end). Writes wait
 * for the disk or pipe (backpressure), so memory stays flat whatever the size.
 */
export class ExportFile {
  private readonly stream: Writable
  private readonly ownsStream: boolean
  /** The file this export created, if it writes one. */
  private readonly path: string | null
  private failure: Error | null = null
  private written = 0
  private readonly onError = (error: Error): void => {
    this.failure ??= error
  }

  constructor(target: string | Writable) {
    if (typeof target === 'string') {
      mkdirSync(dirname(target), { recursive: true, mode: 0o700 })
      this.stream = createWriteStream(target, { flags: 'w', mode: 0o600 })
      this.ownsStream = true
      this.path = target
    } else {
      this.stream = target
      this.ownsStream = false
      this.path = null
    }
    this.stream.on('error', this.onError)
  }

  /** Bytes written so far. */
  get bytes(): number {
    return this.written
  }

  /** Write text or bytes, waiting when the disk or pipe is behind. */
  async write(chunk: string | Uint8Array): Promise<void> {
    if (this.failure) throw this.failure
    this.written += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length
    if (!this.stream.write(chunk)) await once(this.stream, 'drain')
    if (this.failure) throw this.failure
  }

  /**
   * Hand bytes to the stream at once, without waiting for an earlier write: the promise settles
   * when the stream has written them (so the caller may reuse the memory), or rejects with the
   * write's error. The caller bounds how much it queues (an export by its reused buffers).
   */
  queue(chunk: Uint8Array): Promise<void> {
    if (this.failure) return Promise.reject(this.failure)
    this.written += chunk.length
    return new Promise<void>((resolve, reject) => {
      this.stream.write(chunk, (error) => (error ? reject(error) : this.failure ? reject(this.failure) : resolve()))
    })
  }

  /** Finish: end a file (waiting until it is on disk), or only let a borrowed stream drain. Throws if a write failed. */
  async close(): Promise<void> {
    if (this.ownsStream && !this.stream.writableEnded) await new Promise<void>((resolve) => this.stream.end(() => resolve()))
    if (!this.ownsStream) this.stream.off('error', this.onError)
    if (this.failure) throw this.failure
  }

  /**
   * Give up: close a file and remove it (once closed, so a write or an open still under way
   * cannot bring it back), as nothing partial may pass for a whole export; a borrowed stream is
   * only released.
   */
  async abort(): Promise<void> {
    if (!this.ownsStream) {
      this.stream.off('error', this.onError)
      return
    }
    if (!this.stream.closed) {
      const closed = once(this.stream, 'close').catch(() => undefined)
      this.stream.destroy()
      await closed
    }
    if (this.path) await rm(this.path, { force: true })
  }
}
