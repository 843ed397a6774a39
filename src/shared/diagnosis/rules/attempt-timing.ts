import type { AgentRun, Float64List } from '../../session-model'
import type { AttemptEvidence, OutgoingMessage, SessionEvidence } from '../session-evidence'

/** The latest of `times` at or before `t`, and of the attempt's accepted handshake; null when there is neither. */
function latestAtOrBefore(attempt: AttemptEvidence, times: Float64List, t: number): number | null {
  let last: number | null = attempt.view.handshake?.ok ? attempt.view.handshake.t : null
  for (let i = 0; i < times.length; i++) {
    const frameT = times.at(i)
    if (frameT <= t && (last === null || frameT > last)) last = frameT
  }
  return last
}

/** `t` of the last frame from the server at or before `t` (the handshake when there was none). */
export function lastInboundBefore(attempt: AttemptEvidence, t: number): number | null {
  return latestAtOrBefore(attempt, attempt.inboundTimes, t)
}

/** `t` of the last frame either way at or before `t` (the handshake when there was none). */
export function lastFrameBefore(attempt: AttemptEvidence, t: number): number | null {
  return latestAtOrBefore(attempt, attempt.frameTimes, t)
}

/**
 * Client data frames sent before `seq`. Every one counts — a ping or a `handshake_acknowledged`
 * is a message the server's handler must process just like a `user_message`.
 */
export function clientFramesBefore(attempt: AttemptEvidence, seq: number): OutgoingMessage[] {
  return attempt.outgoing.filter((message) => message.seq < seq)
}

/** The session's own runs that had started and not finished by `t` (finished runs end with a completion or an error). */
export function runsInProgressAt(evidence: SessionEvidence, t: number): AgentRun[] {
  return evidence.ownRuns.filter((run) => run.firstT <= t && (run.status === 'running' || run.lastT > t))
}

/**
 * Is this stretch of silence a round interval — the signature of an idle timeout set in a
 * proxy or load balancer (60 s, 100 s, 5 min…) rather than of a crash or a flaky network?
 */
export function isRoundInterval(ms: number): boolean {
  if (ms < 1000) return false
  const unit = ms < 10000 ? 1000 : 5000
  const nearest = Math.round(ms / unit) * unit
  const tolerance = ms < 10000 ? 150 : Math.max(300, ms * 0.02)
  return Math.abs(ms - nearest) <= tolerance
}
