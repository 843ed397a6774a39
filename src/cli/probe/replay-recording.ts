import type { FrameRecord } from '../../shared/api/frame-record'
import { applyRecords, createSessionModel, endRecords } from '../../shared/session-model'
import { readProbeJudgment, type ProbeJudgment } from './probe-judgment'
import { judgeProbe, probeReport } from './probe-report'
import type { ProbeResult } from './probe-result'

/** The silence threshold of a session the app recorded (not a probe): the diagnosis' default. */
const APP_SILENCE_MS = 45_000

/**
 * How to judge a recording the probe did not make (the app's own, an import): at its last record,
 * with the platform's service levels, nobody waiting any more for an answer that cannot come, and
 * the health base the preflight used (`/health`'s target), as the environment's.
 */
function recordingJudgment(records: readonly FrameRecord[]): ProbeJudgment {
  const start = records.find((record) => record.kind === 'session-start')
  const last = records.at(-1)
  const health = records.find((record) => record.kind === 'preflight' && record.check === 'http' && record.name === 'GET /health')
  const url = health?.kind === 'preflight' ? health.target.replace(/\/health$/, '') : null
  return {
    judgedSeq: last?.seq ?? -1,
    nowMs: start?.kind === 'session-start' && last ? start.wallClock + last.t : undefined,
    silenceMs: APP_SILENCE_MS,
    timedOut: false,
    httpBase: { url, source: url === null ? 'none' : 'environment' },
    durationMs: last && start ? last.t - start.t : 0
  }
}

/**
 * The probe's report of a recording: the records go through the same reducer as the live probe's
 * watcher, are judged where the probe judged them (its saved judgment, else at the end), and are
 * summarised by the same function, so `replay` prints what `probe` printed. The stream is marked
 * ended: a recording without its close reads as cut off.
 */
export function replayReport(sessionId: string, records: readonly FrameRecord[]): ProbeResult {
  const saved = readProbeJudgment(records)
  const judgment = saved ?? recordingJudgment(records)
  let model = createSessionModel(sessionId)
  const cut = records.findIndex((record) => record.seq > judgment.judgedSeq)
  const before = cut === -1 ? records : records.slice(0, cut)
  model = applyRecords(model, before)
  // A probe's judgment was made on a live session (before its own close), so it is judged live;
  // an app recording is judged as the finished stream it is.
  const judged = judgeProbe(saved ? model : endRecords(model), judgment)
  model = endRecords(applyRecords(model, cut === -1 ? [] : records.slice(cut)))
  return probeReport(model, judged, judgment, model.start?.environment.id ?? '')
}
