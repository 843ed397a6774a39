import type { SessionState, SessionSummary } from '../../shared/api/contract'
import type { FrameRecord } from '../../shared/api/frame-record'
import type { ServiceLevels } from '../../shared/diagnosis'
import { sessionStateAfter } from '../../shared/session-model/session-state-after'
import { SessionRunner, type SessionRunnerOptions } from '../sessions/session-runner'
import type { SessionRecorder } from '../recordings/session-recorder'
import { PushBatcher } from './push-batcher'

/** Callbacks a managed session reports to. */
export type ManagedSessionHooks = {
  onRecords(sessionId: string, records: FrameRecord[]): void
  onStateChange(): void
}

/**
 * A live session plus what the backend keeps of it: every record (for late subscribers),
 * its summary, and the batcher that paces pushes to the UI.
 */
export class ManagedSession {
  /** Every record so far; `records[i].seq === i`. */
  readonly records: FrameRecord[] = []
  readonly live: SessionRunner
  private state: SessionState = 'connecting'
  private readonly batcher: PushBatcher<FrameRecord>
  private readonly redactUrl: (url: string) => string

  constructor(
    readonly id: string,
    readonly environment: { id: string; name: string; sla?: ServiceLevels; expectedGeneration?: string | null },
    private readonly url: string,
    options: Omit<SessionRunnerOptions, 'onRecord'>,
    private readonly hooks: ManagedSessionHooks,
    private readonly recorder: SessionRecorder | null = null
  ) {
    this.redactUrl = (text) => options.redactor.redact(text)
    this.writing = recorder
    // One batch per ≤ 50 ms goes to the UI and to disk alike: the recording is never staler than that.
    this.batcher = new PushBatcher((records) => {
      this.writing?.append(records)
      hooks.onRecords(id, records)
    })
    this.live = new SessionRunner({ ...options, onRecord: (record) => this.onRecord(record) })
    void this.live.closed.then(() => this.stopRecording())
  }

  /** The recorder while the recording is open; null once it was closed. */
  private writing: SessionRecorder | null
  private recordingClosed: Promise<void> | null = null

  /**
   * Write out every queued record and close the recording (once). Called when the session ends, and
   * by the backend's dispose (app quit, CLI interrupted) so nothing queued is lost.
   */
  stopRecording(): Promise<void> {
    this.batcher.flush()
    const recorder = this.writing
    this.writing = null
    this.recordingClosed ??= recorder ? recorder.close() : Promise.resolve()
    return this.recordingClosed
  }

  private onRecord(record: FrameRecord): void {
    this.records.push(record)
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

  /** Where this session is recorded, if it is. */
  get recordingPath(): string | null {
    return this.recorder?.path ?? null
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
      recordCount: this.records.length
    }
  }
}
