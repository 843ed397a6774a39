import type { Evidence } from '../diagnosis-types'
import type { AttemptEvidence, SessionEvidence } from '../session-evidence'
import { isRoundInterval, lastInboundBefore, runsInProgressAt } from './attempt-timing'
import { RANK, formatMs, ranked, type RankedFinding } from './rule-finding'

/** A client ping unanswered for this long, while the connection stayed open, is a silent server. */
const PING_ANSWER_MS = 10000

function unansweredPings(attempt: AttemptEvidence, endT: number): Evidence[] {
  const proof: Evidence[] = []
  // A ping is answered by any server frame after it: after the latest one, then (one pass, not one per ping).
  let latestInbound = Number.NEGATIVE_INFINITY
  const inbound = attempt.inboundTimes
  for (let i = 0; i < inbound.length; i++) if (inbound.at(i) > latestInbound) latestInbound = inbound.at(i)
  for (const ping of attempt.outgoing.filter(
    (message) => message.type === 'ping' || message.type === 'heartbeat'
  )) {
    const answered = latestInbound > ping.t
    if (!answered && endT - ping.t >= PING_ANSWER_MS)
      proof.push({
        label: `${ping.type} unanswered`,
        value: `sent ${formatMs(endT - ping.t)} before the end`,
        seq: ping.seq
      })
  }
  return proof
}

function silenceGaps(attempt: AttemptEvidence, silenceMs: number): Evidence[] {
  const inbound = attempt.inboundTimes
  const proof: Evidence[] = []
  for (let i = 1; i < inbound.length; i++) {
    const gap = inbound.at(i) - inbound.at(i - 1)
    if (gap >= silenceMs)
      proof.push({
        label: 'gap between server frames',
        value: `${formatMs(gap)} from t=${formatMs(inbound.at(i - 1))}`
      })
  }
  return proof
}

function judgeAttempt(attempt: AttemptEvidence, evidence: SessionEvidence, isLast: boolean): RankedFinding[] {
  const { handshake, close } = attempt.view
  if (!handshake?.ok) return []
  const { silenceMs, elapsedMs } = evidence.context
  // A still-open session is judged up to now; a closed one up to its close.
  const endT = close ? close.t : isLast ? elapsedMs : (attempt.lastRecordT ?? handshake.t)
  const lastInbound = lastInboundBefore(attempt, endT) ?? handshake.t
  const silence = endT - lastInbound
  const running = runsInProgressAt(evidence, endT).filter((run) => run.status === 'running')
  const pings = unansweredPings(attempt, endT)
  const findings: RankedFinding[] = []
  const serverClosed = close !== null && close.initiator === 'server'
  const base: Evidence[] = [
    { label: 'last frame from the server', value: `t=${formatMs(lastInbound)}` },
    { label: 'silence', value: `${formatMs(silence)}${close ? ' before the close' : ' until now'}` },
    ...pings
  ]
  if (close)
    base.push({
      label: 'close',
      value: `${close.code} by ${close.initiator}${close.clean ? '' : ', no close frame'}${isRoundInterval(silence) ? ` (after a round ${formatMs(silence)})` : ''}`,
      seq: close.seq
    })

  if (!serverClosed && running.length > 0 && (silence >= silenceMs || pings.length > 0)) {
    const runEvidence = running.map((run) => ({
      label: `run ${run.runId}`,
      value: `last event t=${formatMs(run.lastT)}, ${run.agents.length} agent(s) seen`
    }))
    findings.push(
      ranked(RANK.inferred, {
        component: 'server',
        severity: 'error',
        confidence: 'likely',
        code: 'server.unresponsive',
        title: `The server went silent mid-run for ${formatMs(silence)}`,
        explanation: `A run was in progress, then nothing came from the server — no events, no heartbeat${pings.length ? ', no answer to pings' : ''}${close ? '' : ', no close'} — for ${formatMs(silence)}. The server (or the agent worker serving this run) is stuck.${close && !close.clean && isRoundInterval(silence) ? ' The connection was then cut after a round interval, which a proxy idle timeout also produces.' : ''}`,
        evidence: [...base, ...runEvidence],
        nextSteps: [
          'Check the backend process and agent workers for this run (hung LLM call, deadlock, blocked event loop).',
          'Reconnect and retry the request.'
        ]
      })
    )
  } else if (!close && isLast && running.length === 0 && silence >= silenceMs) {
    findings.push(
      ranked(RANK.inferred, {
        component: 'server',
        severity: 'warning',
        confidence: 'possible',
        code: 'server.silent',
        title: `No frame from the server for ${formatMs(silence)}`,
        explanation: `The connection is open but the server has sent nothing, not even a heartbeat (due after ~30–35 s of client silence), for ${formatMs(silence)}.`,
        evidence: base,
        nextSteps: [
          'Send a ping; if it stays unanswered, reconnect.',
          'Check whether a proxy holds the connection open while the server is gone.'
        ]
      })
    )
  }
  const gaps = silenceGaps(attempt, silenceMs)
  if (gaps.length > 0) {
    findings.push(
      ranked(RANK.quality, {
        component: 'server',
        severity: 'warning',
        confidence: 'likely',
        code: 'server.heartbeat-gap',
        title: `The server went quiet for ${gaps.length === 1 ? 'a stretch' : `${gaps.length} stretches`} longer than ${formatMs(silenceMs)}`,
        explanation:
          'Heartbeats are due every ~30–35 s of client silence; gaps longer than that mean the server (or its event loop) stalled, then recovered.',
        evidence: gaps,
        nextSteps: ['Check the backend for event-loop stalls (long synchronous work, GC pauses).']
      })
    )
  }
  return findings
}

/**
 * Liveness rules: a server that stops sending while a run is in progress (no events, no
 * heartbeat, unanswered pings), a silent open connection, and heartbeat gaps. A run the
 * client walked away from, or one still going, is the answer rules' business.
 */
export function livenessRules(evidence: SessionEvidence): RankedFinding[] {
  return evidence.attempts.flatMap((attempt, index) =>
    judgeAttempt(attempt, evidence, index === evidence.attempts.length - 1)
  )
}
