import { ContractError, type ContractBackend } from '../../shared/api/contract'
import type { AuthMethod } from '../../shared/api/frame-record'
import type { SessionModel } from '../../shared/session-model'
import { SessionEvidenceBuilder, sessionAnswer } from '../../shared/diagnosis'
import type { ProbeJudgment } from './probe-judgment'
import { judgeProbe, probeReport } from './probe-report'
import type { HttpBaseSource, ProbeResult } from './probe-result'
import { SessionWatcher } from '../../main/sessions/session-watcher'
import { UsageError } from '../usage-error'

/** What to probe and how long to wait. */
export type ProbeOptions = {
  environmentId: string
  /** Override the environment's auth method. */
  authMethod?: AuthMethod
  /** Use this stored credential's token. */
  credentialId?: string
  /** Confirm sending the credential to this host, which is not one of its environment's (`--allow-foreign-host`). */
  allowForeignHost?: string
  /** Probe this URL (with `environmentId`'s settings) instead of the environment's own. */
  target?: { wsUrl: string; httpBase: string | null; authBase: string | null }
  /** The target's HTTP base was derived from its WebSocket URL rather than given (said in the report). */
  httpBaseDerived?: boolean
  message: string
  timeoutMs: number
  /** How long without a server frame counts as silence (default: half the timeout, at most 45 s). */
  silenceMs?: number
  /** Called with a short line as each step starts (progress for a human). */
  onProgress?: (step: string) => void
}

/**
 * After our own close, how long to wait for the session's close record. The live session cuts a
 * peer that does not answer the close after 2 s, so this only covers that plus delivery.
 */
const CLOSE_RECORD_WAIT_MS = 2500

/** Silence worth reporting within a probe: half its timeout, between 1 s and the usual 45 s. */
function defaultSilence(timeoutMs: number): number {
  return Math.max(1000, Math.min(45_000, timeoutMs / 2))
}

/**
 * Has the session stopped trying to connect? True once an attempt is open, or once the last
 * attempt has ended and no retry will follow. Mirrors the session runner's retry rule (no retry
 * after the user's close, a clean 1000, or a failure before the upgrade), so the probe lets the
 * environment's retries play out (within its timeout) instead of judging the first refusal.
 */
function connectingSettled(model: SessionModel): boolean {
  if (model.handshake?.ok && !model.close) return true
  const close = model.close
  if (!close) return false
  const attempt = model.attempts.at(-1)
  if (!attempt || attempt.attempt >= attempt.of) return true
  if (close.initiator === 'client' || (close.code === 1000 && close.clean)) return true
  return attempt.errors.some((error) => error.code === 'auth-setup')
}

// Settled by the diagnosis' own answer rules, so a server that spells its Supervisor otherwise is not waited on.
// Asked after every batch, so it reads only the batch (`builder`), not the whole session again.
function runFinished(model: SessionModel, builder: SessionEvidenceBuilder): boolean {
  const answer = sessionAnswer(model, {}, builder).kind
  return answer !== 'awaiting' && answer !== 'not-asked'
}

/** Where the session's health endpoints were probed: the target's base or the environment's (the sandbox's is known once it runs). */
async function httpBaseOf(backend: ContractBackend, options: ProbeOptions): Promise<ProbeResult['httpBase']> {
  if (options.target) {
    const url = options.target.httpBase
    const source: HttpBaseSource = url === null ? 'none' : options.httpBaseDerived ? 'derived' : 'given'
    return { url, source }
  }
  const { environments } = await backend.handlers['environments.list']({})
  const url = environments.find((candidate) => candidate.id === options.environmentId)?.httpBase ?? null
  return { url, source: url === null ? 'none' : 'environment' }
}

/** A finished probe: its report, what it judged with, and the last record it saw (for `--record`). */
export type ProbeRun = { result: ProbeResult; judgment: ProbeJudgment; last: { seq: number; t: number } }

/**
 * Connect, send one message, wait for the run to finish (or a close, or the timeout),
 * close politely, and summarise what was seen.
 */
export async function runProbe(backend: ContractBackend, options: ProbeOptions): Promise<ProbeResult> {
  return (await runProbeSession(backend, options)).result
}

/** `runProbe`, also returning the judgment (which `--record` saves so `replay` can judge the same way). */
export async function runProbeSession(backend: ContractBackend, options: ProbeOptions): Promise<ProbeRun> {
  const started = Date.now()
  const deadline = started + options.timeoutMs
  const remaining = (): number => deadline - Date.now()
  const progress = options.onProgress ?? (() => undefined)
  const environments = await backend.handlers['environments.list']({})
  const environment = environments.environments.find((candidate) => candidate.id === options.environmentId)
  if (!environment) throw new UsageError(`unknown environment "${options.environmentId}"; known: ${environments.environments.map((e) => e.id).join(', ')}`)

  progress(`connecting to ${options.target?.wsUrl ?? environment.name}`)
  const { sessionId } = await backend.handlers['session.connect']({
    environmentId: environment.id,
    authMethod: options.authMethod,
    credentialId: options.credentialId,
    allowForeignHost: options.allowForeignHost,
    target: options.target
  })
  const httpBase = await httpBaseOf(backend, options)
  const watcher = await SessionWatcher.attach(backend, sessionId)
  let timedOut: boolean
  try {
    const settled = await watcher.waitFor(connectingSettled, remaining())
    timedOut = !settled
    if (watcher.current.handshake?.ok && !watcher.current.close) {
      progress('connected; sending the message')
      try {
        await backend.handlers['session.send']({ sessionId, text: options.message, mode: 'user_message' })
      } catch (error) {
        // The server may close right after accepting (that is often the fault being probed): go on
        // and report the close rather than the failed send.
        if (!(error instanceof ContractError && error.code === 'not-open')) throw error
      }
      progress('waiting for the run to finish')
      const evidence = new SessionEvidenceBuilder()
      const done = await watcher.waitFor((model) => runFinished(model, evidence) || model.close !== null, remaining())
      timedOut = !done
    }
    // Judge the session as it stood when waiting ended, before our own polite close (see judgeProbe).
    const judgment: ProbeJudgment = {
      judgedSeq: watcher.current.lastSeq,
      nowMs: Date.now(),
      silenceMs: options.silenceMs ?? defaultSilence(options.timeoutMs),
      timedOut,
      sla: environment.sla,
      expectedGeneration: environment.expectedGeneration,
      httpBase,
      durationMs: 0
    }
    const judged = judgeProbe(watcher.current, judgment)
    if (!watcher.current.close) {
      // Also when the deadline struck during preflight or between attempts: closing stops both.
      // The backend resolves once the session has ended (a peer that ignores the close is cut
      // after a 2 s grace), so the probe ends within its timeout plus that grace.
      await backend.handlers['session.disconnect']({ sessionId, code: 1000, reason: timedOut ? 'probe timeout' : 'probe complete' })
      await watcher.waitFor((model) => model.close !== null, CLOSE_RECORD_WAIT_MS)
    }
    const model = watcher.current
    judgment.durationMs = Date.now() - started
    const last = { seq: model.lastSeq, t: model.rows.at(-1)?.t ?? 0 }
    return { result: probeReport(model, judged, judgment, environment.id), judgment, last }
  } finally {
    watcher.dispose()
  }
}
