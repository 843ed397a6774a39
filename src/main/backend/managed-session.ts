import type { SessionState, SessionSummary } from '../../shared/api/contract'
import type { FrameRecord } from '../../shared/api/frame-record'
import type { ServiceLevels } from '../../shared/diagnosis'
import { sessionStateAfter } from '../../shared/session-model/session-state-after'
import { SessionRunner, type SessionRunnerOptions } from '../sessions/session-runner'
import type { RangeRead } from '../recordings/read-indexed-records'
import type { SessionLog } from '../recordings/library/session-log'
import type { RecordsPush } from '../sessions/records-push'
import { PushBatcher } from './push-batcher'

/** Callbacks a managed session reports to. */
export type ManagedSessionHooks = {
  /** A batch of records, already serialised for the web host (`records` reads as usual). */
  onRecords(push: RecordsPush): void
  onStateChange(): void
}

/**
 * A live session plus what the backend keeps of it: its summary, the batcher that paces pushes
 * to the UI, and its log. Records live on disk, not in memory: the recorder appends each one
 * as it arrives and keeps only its byte offset, and `readRecords` loads any range back by seq
 * (for late subscribers and exports). Memory per record is the index's 8 bytes.
 */
export class ManagedSession {
  readonly live: SessionRunner
  private state: SessionState = 'connecting'
  private readonly batcher: PushBatcher
  private readonly redactUrl: (url: string) => string

  constructor(
    readonly id: string,
    readonly environment: { id: string; name: string; sla?: ServiceLevels; expectedGeneration?: string | null },
    private readonly url: string,
    options: Omit<SessionRunnerOptions, 'onRecord'>,
    private readonly hooks: ManagedSessionHooks,
    /** The session's log: a recording in the library folder, or the in-memory log when recording is off. */
    readonly recorder: SessionLog
  ) {
    this.redactUrl = (text) => options.redactor.redact(text)
    this.batcher = new PushBatcher(id, (push) => hooks.onRecords(push))
    this.live = new SessionRunner({ ...options, onRecord: (record, raw) => this.onRecord(record, raw) })
    void this.live.closed.then(() => this.stopRecording())
  }

  private recordingClosed: Promise<void> | null = null

  /**
   * Push what is queued and close the log (once): every record written reaches the disk. Called when
   * the session ends, and by the backend's dispose (app quit, CLI interrupted) so nothing queued is lost.
   */
  stopRecording(): Promise<void> {
    this.batcher.release()
    this.recordingClosed ??= this.recorder.close()
    return this.recordingClosed
  }

  private onRecord(record: FrameRecord, raw?: Buffer): void {
    // Written (to the pending buffer) before it is pushed, so a UI that asks for it by seq finds it.
    this.recorder.appendOne(record, raw)
    this.batcher.push(record)
    // A retry after the user asked to close must not look like a new connection.
    const next = this.state === 'closing' && record.kind !== 'close' ? 'closing' : sessionStateAfter(this.state, record)
    if (next !== this.state) {
      this.state = next
      // State changes must not overtake the records that caused them.
      this.batcher.flush()
      this.hooks.onStateChange()
    }
  }

  /** Mark the session as closing (client asked to close). */
  markClosing(): void {
    if (this.state === 'open') {
      this.state = 'closing'
      this.hooks.onStateChange()
    }
  }

  /**
   * The user's Disconnect: start the closing handshake and resolve once the session has ended.
   * The live session cuts a peer that does not answer the close within its grace (2 s), and the
   * close is then still the client's, so Disconnect never hangs and is never blamed on the network.
   */
  disconnect(code: number, reason: string): Promise<void> {
    this.markClosing()
    this.live.close(code, reason)
    return this.live.closed.then(() => undefined)
  }

  /** Where this session is recorded, unless recording is off (its log is then in memory). */
  get recordingPath(): string | null {
    return this.recorder.filePath
  }

  /** Records so far (seq 0 … recordCount − 1). */
  get recordCount(): number {
    return this.recorder.recordCount
  }

  /** Records with seq in `[fromSeq, fromSeq + limit)`, read from the log (`seq` is the record's number in it). */
  readRecords(fromSeq: number, limit: number): Promise<RangeRead> {
    return this.recorder.readRange(fromSeq, limit)
  }

  /** Current connection state. */
  get currentState(): SessionState {
    return this.state
  }

  /** The session as the session list shows it. */
  summary(): SessionSummary {
    return {
      id: this.id,
      environmentId: this.environment.id,
      environmentName: this.environment.name,
      url: this.redactUrl(this.url),
      state: this.state,
      startedAt: this.live.wallClock,
      recordCount: this.recorder.recordCount,
      origin: 'live'
    }
  }
}
