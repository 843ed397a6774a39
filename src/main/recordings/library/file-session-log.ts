import type { FrameRecord } from '../../../shared/api/frame-record'
import type { RangeRead } from '../read-indexed-records'
import type { SessionRecorder } from '../session-recorder'
import type { SessionLog } from './session-log'

/** A recording on disk as a {@link SessionLog}: the recorder does the work, this only names it. */
export class FileSessionLog implements SessionLog {
  constructor(readonly recorder: SessionRecorder) {}

  get filePath(): string {
    return this.recorder.path
  }

  get byteLength(): number {
    return this.recorder.byteLength
  }

  get recordCount(): number {
    return this.recorder.recordCount
  }

  get error(): Error | null {
    return this.recorder.error
  }

  appendOne(record: FrameRecord, raw?: Buffer): void {
    this.recorder.appendOne(record, raw)
  }

  flush(): Promise<void> {
    return this.recorder.flush()
  }

  readRange(from: number, count: number): Promise<RangeRead> {
    return this.recorder.readRange(from, count)
  }

  close(): Promise<void> {
    return this.recorder.close()
  }

  discard(): Promise<void> {
    return this.recorder.discard()
  }
}
