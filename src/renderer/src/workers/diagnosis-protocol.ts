import type { Diagnosis, ServiceLevels } from '../../../shared/diagnosis'
import type { FeedBatch } from '../../../shared/session-model'

/**
 * The environment settings a session is judged against; `clock: 'records'` judges an open session
 * at the time of its last record instead of now (a replay: "now" is the cursor's record), and
 * `ended` says no record will follow (a recording read to its end: without a close it is cut off).
 */
export type DiagnosisOptions = { sla: ServiceLevels | undefined; expectedGeneration: string | null; clock?: 'now' | 'records'; ended?: boolean }

/** A diagnosis and what it judged. */
export type SessionDiagnosis = {
  sessionId: string
  diagnosis: Diagnosis
  /** Epoch ms "now" it was judged at for a live session; null for a finished one (judged on its own clock). */
  nowMs: number | null
  /** Highest seq it had seen (it may trail the list by one throttle gap during a flood). */
  lastSeq: number
  /** What the diagnosis itself took, in ms (shown nowhere; the perf spec reads it). */
  costMs: number
}

/** A message from the UI thread to the diagnosis worker. */
export type DiagnosisRequest =
  | { type: 'feed'; sessionId: string; batch: FeedBatch }
  | { type: 'watch'; sessionId: string; options: DiagnosisOptions }
  | { type: 'unwatch'; sessionId: string }
  | { type: 'forget'; sessionId: string }

/** A message from the diagnosis worker to the UI thread. */
export type DiagnosisReply =
  | { type: 'result'; result: SessionDiagnosis }
  | { type: 'error'; sessionId: string; message: string }
