import { describeCloseCode } from '../../shared/close-codes/close-code-catalog'
import { diagnoseSession, sessionAnswer, type Diagnosis } from '../../shared/diagnosis'
import { parseFrame } from '../../shared/protocol/parse-frame'
import { cutOffAt, type SessionModel } from '../../shared/session-model'
import type { ProbeJudgment } from './probe-judgment'
import type { ProbeOutcome, ProbeResult } from './probe-result'

/**
 * The probe's report, in two steps that `probe` and `replay` both take, so a recording replays to
 * exactly what the probe printed: `judgeProbe` diagnoses the session as it stood when waiting ended
 * (before the probe's own polite close, so a silent server is seen as silent rather than as a
 * session the client ended); `probeReport` then summarises the whole session with that diagnosis.
 */
export function judgeProbe(model: SessionModel, judgment: ProbeJudgment): Diagnosis {
  return diagnoseSession(model, { sla: judgment.sla, expectedGeneration: judgment.expectedGeneration, nowMs: judgment.nowMs, silenceMs: judgment.silenceMs, waitOver: judgment.timedOut })
}

function outcomeOf(model: SessionModel, timedOut: boolean): ProbeOutcome {
  if (model.handshake && !model.handshake.ok) return 'refused'
  if (cutOffAt(model)) return 'cut-off'
  if (!model.handshake) return timedOut ? 'timeout' : 'error'
  const answer = sessionAnswer(model).kind
  if (answer === 'answered') return 'completed'
  if (timedOut) return 'timeout'
  return answer === 'run-failed' ? 'error' : 'closed'
}

/**
 * Summarise the whole session (`model`, after the probe's close) into the probe's JSON object.
 * A session that closed and was judged healthy is judged again with its close, so a server's
 * polite close after the answer shows; any other judgment stands as it was made.
 */
export function probeReport(model: SessionModel, judged: Diagnosis, judgment: ProbeJudgment, environment: string): ProbeResult {
  const diagnosis =
    model.close && judged.verdict === 'healthy'
      ? diagnoseSession(model, { sla: judgment.sla, expectedGeneration: judgment.expectedGeneration, waitOver: judgment.timedOut })
      : judged
  const events: ProbeResult['events'] = []
  for (const record of model.records) {
    if (record.kind !== 'message' || record.dir !== 'in') continue
    const { event } = parseFrame(record.encoding, record.data)
    events.push({ type: event?.type ?? '(unreadable)', run_id: event?.runId ?? null, agent_name: event?.agentName ?? null, t: record.t })
  }
  const handshake = model.handshake
  const close = model.close
  const cutOff = cutOffAt(model)
  return {
    environment: model.start?.environment.id ?? environment,
    sessionId: model.sessionId,
    url: handshake?.url ?? model.start?.url ?? '',
    outcome: outcomeOf(model, judgment.timedOut),
    handshake: {
      ok: handshake?.ok ?? false,
      status: handshake?.status ?? null,
      subprotocol: handshake?.subprotocol ?? null,
      ms: handshake ? Math.round(handshake.ms * 10) / 10 : null,
      error: handshake?.error ?? null,
      body: handshake && !handshake.ok && handshake.body ? handshake.body : null
    },
    events,
    runs: model.runs.map((run) => ({
      run_id: run.runId,
      status: run.status,
      agents: run.agents.map((agent) => ({ name: agent.agentName, critical: agent.critical })),
      ms: Math.round((run.lastT - run.firstT) * 10) / 10
    })),
    close: close
      ? {
          code: close.code,
          reason: close.reason,
          name: describeCloseCode(close.code).name,
          meaning: describeCloseCode(close.code).meaning,
          initiator: close.initiator,
          clean: close.clean
        }
      : null,
    durationMs: Math.round(judgment.durationMs),
    verdict: diagnosis.verdict,
    summary: diagnosis.summary,
    findings: diagnosis.findings,
    components: Object.fromEntries(Object.entries(diagnosis.components).map(([name, health]) => [name, health.status])),
    httpBase: judgment.httpBase,
    awaiting: diagnosis.awaiting,
    contenders: diagnosis.contenders,
    cutOff: cutOff ? { seq: cutOff.seq, t: cutOff.t, at: cutOff.wallClock === null ? null : new Date(cutOff.wallClock).toISOString() } : null
  }
}
