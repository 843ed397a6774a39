import type { AuthMethod, CloseRecord, EnvironmentKind, FrameRecord, FrameRecordDraft } from '../../shared/api/frame-record'
import type { SecretRedactor } from '../../shared/session-log/secret-redactor'
import { LiveSession } from './live-session'
import { RecordStamper } from './record-stamper'
import type { SubprotocolStyle } from './upgrade-request'

/** Where a session connects: the WebSocket and the HTTP bases its preflight probes. */
export type SessionTarget = { wsUrl: string; httpBase: string | null; authBase: string | null }

/**
 * Gathers preflight evidence (DNS, TCP, TLS, health endpoints) as records. `signal` aborts
 * when the session is closed during preflight: the runner then stops waiting and drops
 * anything emitted later, so no evidence ever follows the session's close record.
 */
export type PreflightRunner = (
  target: SessionTarget,
  emit: (draft: Extract<FrameRecordDraft, { kind: 'preflight' }>) => void,
  signal: AbortSignal
) => Promise<void>

/** Turns a token into its non-secret claims record. */
export type TokenDescriber = (token: string, source: string) => Extract<FrameRecordDraft, { kind: 'token' }>

/** Everything a session needs. */
export type SessionRunnerOptions = {
  environment: { id: string; name: string; kind: EnvironmentKind }
  target: SessionTarget
  authMethod: AuthMethod
  token: string | null
  /** Where the token came from, for the evidence (`sandbox-minted`, `credential:<label>`, `env:VAR`). */
  tokenSource: string
  subprotocolStyle?: SubprotocolStyle
  pingIntervalMs?: number | null
  retries: { attempts: number; delayMs: number }
  redactor: SecretRedactor
  /** Every record as it is stamped; `raw` as in `LiveSessionOptions.emit` (a text frame's unredacted-and-unchanged bytes). */
  onRecord(record: FrameRecord, raw?: Buffer): void
  preflight?: PreflightRunner
  describeToken?: TokenDescriber
}

/**
 * One diagnostic session: the clock, the evidence gathered before connecting, and every
 * connection attempt in turn.
 *
 * Records: `session-start`, then the token's claims, then preflight evidence, then for each
 * attempt an `attempt` marker followed by what the attempt saw. An attempt that fails before
 * the user has sent anything is retried per the environment's policy; every attempt's
 * evidence stays in the session.
 */
export class SessionRunner {
  /** Resolves with the close record of the last attempt. */
  readonly closed: Promise<CloseRecord>
  private readonly stamper = new RecordStamper()
  private current: LiveSession | null = null
  private stopped = false
  private sentByClient = false
  private resolveClosed!: (record: CloseRecord) => void
  private wakeFromDelay: (() => void) | null = null
  private readonly cancelPreflight = new AbortController()

  constructor(private readonly options: SessionRunnerOptions) {
    this.closed = new Promise((resolve) => (this.resolveClosed = resolve))
    options.redactor.add(options.token)
  }

  /** Epoch ms the session started (its one wall-clock reading). */
  get wallClock(): number {
    return this.stamper.wallClock
  }

  private emit = (draft: FrameRecordDraft, raw?: Buffer): FrameRecord => {
    const record = this.stamper.stamp(draft)
    this.options.onRecord(record, raw)
    return record
  }

  /** Gather evidence and connect, retrying per policy; resolves once the last attempt has ended. */
  async run(): Promise<void> {
    const { options } = this
    const redact = (text: string): string => options.redactor.redact(text)
    this.emit({
      kind: 'session-start',
      dir: 'local',
      wallClock: this.stamper.wallClock,
      environment: options.environment,
      url: redact(options.target.wsUrl),
      authMethod: options.authMethod
    })
    if (options.token && options.describeToken) this.emit(options.describeToken(options.token, options.tokenSource))
    if (options.preflight && !this.stopped) {
      const preflight = options.preflight
      const cancelled = new Promise<void>((resolve) => this.cancelPreflight.signal.addEventListener('abort', () => resolve(), { once: true }))
      const emitPreflight = (draft: Extract<FrameRecordDraft, { kind: 'preflight' }>): void => {
        if (!this.cancelPreflight.signal.aborted) this.emit(draft)
      }
      try {
        await Promise.race([preflight(options.target, emitPreflight, this.cancelPreflight.signal), cancelled])
      } catch (error) {
        this.emit({ kind: 'error', dir: 'local', message: `preflight failed: ${redact(error instanceof Error ? error.message : String(error))}`, code: 'preflight' })
      }
      if (this.cancelPreflight.signal.aborted) this.emit({ kind: 'note', dir: 'local', text: 'preflight cut short: the session was closed' })
      // Whatever a preflight runner still sends after this point is dropped.
      this.cancelPreflight.abort()
    }

    const attempts = Math.max(1, options.retries.attempts)
    let last: CloseRecord | null = null
    for (let attempt = 1; attempt <= attempts && !this.stopped; attempt++) {
      const delayMs = attempt === 1 ? 0 : options.retries.delayMs
      if (delayMs > 0) await this.pause(delayMs)
      if (this.stopped) break
      if (attempts > 1) this.emit({ kind: 'attempt', dir: 'local', attempt, of: attempts, delayMs })
      const live = new LiveSession({
        url: options.target.wsUrl,
        httpBase: options.target.httpBase,
        authMethod: options.authMethod,
        token: options.token,
        subprotocolStyle: options.subprotocolStyle,
        pingIntervalMs: options.pingIntervalMs ?? null,
        redactor: options.redactor,
        emit: this.emit,
        elapsed: () => this.stamper.elapsed()
      })
      this.current = live
      await live.open()
      last = await live.closed
      if (live.failedBeforeUpgrade || !this.shouldRetry(last)) break
    }
    this.current = null
    if (!last) {
      // Closed by the user during preflight or between attempts: no connection to report on.
      this.emit({ kind: 'note', dir: 'local', text: 'cancelled by the user before connecting' })
      last = this.emit({ kind: 'close', dir: 'local', code: 1006, reason: '', initiator: 'client', clean: false }) as CloseRecord
    }
    this.resolveClosed(last)
  }

  /** Retry only failures the user did not cause, before the user has sent anything. */
  private shouldRetry(close: CloseRecord): boolean {
    if (this.stopped || this.sentByClient) return false
    return close.initiator !== 'client' && !(close.code === 1000 && close.clean)
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms)
      function done(): void {
        clearTimeout(timer)
        resolve()
      }
      this.wakeFromDelay = done
    })
  }

  /** Is the current attempt open for sending? */
  get isOpen(): boolean {
    return this.current?.isOpen ?? false
  }

  /** Send a text frame on the current attempt; returns its seq. */
  send(text: string): number {
    if (!this.current) throw new Error('session is not open')
    const seq = this.current.send(text)
    this.sentByClient = true
    return seq
  }

  /** Stop retrying and close the current attempt. */
  close(code = 1000, reason = ''): void {
    this.stopped = true
    this.cancelPreflight.abort()
    this.wakeFromDelay?.()
    this.current?.close(code, reason)
  }
}
