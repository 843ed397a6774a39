import type { FrameRecord, MessageRecord } from '../api/frame-record'
import type { AgentEvent } from '../protocol/agent-event'
import { parseFrame } from '../protocol/parse-frame'
import { BULK_OUTPUT_TYPES, cutOffAt, Float64List, type AttemptView, type CutOff, type SessionModel } from '../session-model'
import { readAnswerState, type AnswerState } from './answer-state'
import { deriveRuns, type DerivedRun } from './derive-runs'
import type { DiagnosisContext, ServiceLevels } from './diagnosis-types'
import { resolveExpectedEnvironment, type ExpectedEnvironment } from './expected-environment'
import { readHealthSignals, type HealthSignal } from './health-signals'
import { readRunOwnership, type RunOwnership } from './run-ownership'

/** A server message with the record it arrived in. */
export type InboundEvent = { seq: number; t: number; event: AgentEvent }

/** A client data frame, with its message type when it is JSON. */
export type OutgoingMessage = { seq: number; t: number; type: string | null; size: number }

/** Everything one connection attempt produced. */
export type AttemptEvidence = {
  /** 0-based position among the session's attempts. */
  index: number
  view: AttemptView
  /** How many records the attempt holds, and `t` of its last one (null before its first). */
  recordCount: number
  lastRecordT: number | null
  events: InboundEvent[]
  /** Inbound data frames that could not be read as protocol messages. */
  unreadable: MessageRecord[]
  outgoing: OutgoingMessage[]
  greeting: InboundEvent | null
  /** `t` of every data or control frame, either direction, in order; used for idle cut-offs. */
  frameTimes: Float64List
  /** `t` of the frames from the server among them; used for silence and unanswered pings. */
  inboundTimes: Float64List
}

/** The context with every default filled in. */
export type ResolvedContext = {
  environmentKind: DiagnosisContext['environmentKind']
  /** The normalised env the token must match (see `environment` for who said so). */
  expectedEnv: string | null
  /** The expected environment with its source: the server's word, the settings, or the URL's kind. */
  environment: ExpectedEnvironment | null
  expectedGeneration: string | null
  /** Epoch ms; null when there is no wall-clock anchor and none was given. */
  nowMs: number | null
  /** Epoch ms of the session start, when known. */
  wallClock: number | null
  sla: ServiceLevels
  silenceMs: number
  /** Session age at diagnosis time, ms since session start. */
  elapsedMs: number
  /** The caller waits no longer: an answer still awaited counts as never arrived. */
  waitOver: boolean
}

/** The session read once for every rule. */
export type SessionEvidence = {
  model: SessionModel
  context: ResolvedContext
  attempts: AttemptEvidence[]
  /** Every readable inbound message, all attempts. */
  events: InboundEvent[]
  health: HealthSignal[]
  ownership: RunOwnership
  /**
   * The session's own runs (another user's events left out), grouped by run id, else thread id,
   * else connection, each with a status that holds for any server's spelling of the Supervisor.
   */
  ownRuns: DerivedRun[]
  /** Where the user's answer stands: the axis of the verdict. */
  answer: AnswerState
  /** `t` of the last record. */
  lastT: number
  /** A finished recording that ends without the connection's close; null for live sessions. */
  cutOff: CutOff | null
}

/** Default service levels (PROTOCOL.md §4). */
export const DEFAULT_SLA: ServiceLevels = {
  dataProcessingMs: 5000,
  reportAfterDataMs: 2000,
  fullAnswerMs: 60000
}
/** Default silence threshold: longer than the server's 30–35 s heartbeat plus slack. */
export const DEFAULT_SILENCE_MS = 45000

function resolveContext(model: SessionModel, context: DiagnosisContext, lastT: number, greeting: InboundEvent | null): ResolvedContext {
  const wallClock = model.start?.wallClock ?? null
  const elapsedMs = Math.max(lastT, context.elapsedMs ?? lastT)
  const environment = resolveExpectedEnvironment(
    model.preflight,
    greeting ? { seq: greeting.seq, data: greeting.event.data } : null,
    context.expectedEnv,
    context.environmentKind
  )
  return {
    environmentKind: context.environmentKind,
    expectedEnv: environment?.env ?? null,
    environment,
    expectedGeneration: context.expectedGeneration?.trim() || null,
    nowMs: context.nowMs ?? (wallClock !== null ? wallClock + elapsedMs : null),
    wallClock,
    sla: context.sla ?? DEFAULT_SLA,
    silenceMs: context.silenceMs ?? DEFAULT_SILENCE_MS,
    elapsedMs,
    waitOver: context.waitOver ?? false
  }
}

function messageType(data: string): string | null {
  try {
    const value: unknown = JSON.parse(data)
    return typeof value === 'object' &&
      value !== null &&
      typeof (value as { type?: unknown }).type === 'string'
      ? (value as { type: string }).type
      : null
  } catch {
    return null
  }
}


/** An attempt's evidence with nothing read yet. */
export function emptyAttempt(index: number, view: AttemptView): AttemptEvidence {
  return {
    index,
    view,
    recordCount: 0,
    lastRecordT: null,
    events: [],
    unreadable: [],
    outgoing: [],
    greeting: null,
    frameTimes: new Float64List(),
    inboundTimes: new Float64List()
  }
}

/**
 * Read one record into its attempt's evidence (`label` is its row's label). Records must come in
 * seq order; the whole-session reader and the incremental builder share this, so they agree.
 */
export function readAttemptRecord(evidence: AttemptEvidence, record: FrameRecord, label: string): void {
  evidence.recordCount += 1
  evidence.lastRecordT = record.t
  if (record.kind !== 'message' && record.kind !== 'ping' && record.kind !== 'pong') return
  // Plain numbers, no object per frame: a million-frame flood is read here frame by frame.
  evidence.frameTimes.push(record.t)
  if (record.dir === 'in') evidence.inboundTimes.push(record.t)
  if (record.kind !== 'message') return
  if (record.dir !== 'in') {
    evidence.outgoing.push({
      seq: record.seq,
      t: record.t,
      type: record.encoding === 'utf8' ? messageType(record.data) : null,
      size: record.size
    })
    return
  }
  // Bulk output frames carry nothing a rule reads; skipping their parse keeps a million-frame flood cheap.
  if (BULK_OUTPUT_TYPES.has(label)) return
  const parsed = parseFrame(record.encoding, record.data)
  if (parsed.event === null || parsed.flag !== null) {
    evidence.unreadable.push(record)
    if (parsed.event === null) return
  }
  const inbound = { seq: record.seq, t: record.t, event: parsed.event }
  evidence.events.push(inbound)
  if (parsed.event.type === 'connection_established' && evidence.greeting === null) evidence.greeting = inbound
}

/**
 * `readAttemptRecord` of a bulk output frame reduced to its stand-in (see `RecordLog`), from its
 * time alone: a frame received, read into the times and nothing else.
 */
export function readBulkStandIn(evidence: AttemptEvidence, t: number): void {
  evidence.recordCount += 1
  evidence.lastRecordT = t
  evidence.frameTimes.push(t)
  evidence.inboundTimes.push(t)
}

/** Does the record open or belong to a connection's frames (what starts an attempt without a handshake)? */
export function isFrame(record: FrameRecord): boolean {
  return record.kind === 'message' || record.kind === 'ping' || record.kind === 'pong'
}

/**
 * The attempts the evidence is read by: the model's, or, for frames without any handshake (an
 * import that starts mid-stream), one attempt from the first frame.
 */
export function attemptViews(model: SessionModel, firstFrameSeq: number | null): AttemptView[] {
  return model.attempts.length > 0 || firstFrameSeq === null
    ? model.attempts
    : [{ attempt: 1, of: 1, firstSeq: firstFrameSeq, handshake: null, close: null, errors: [] }]
}

/**
 * The rest of the evidence, from the attempts read so far: ownership, the session's own runs,
 * the context and the answer. Costs in proportion to the readable events, not to the frames.
 */
export function completeEvidence(
  model: SessionModel,
  context: DiagnosisContext,
  attempts: AttemptEvidence[],
  lastT: number
): SessionEvidence {
  const events = attempts.flatMap((attempt) => attempt.events)
  const ownership = readRunOwnership(events, model.token?.claims.sub ?? null, model.runs)
  const foreign = new Set(ownership.foreignEvents.map((entry) => entry.seq))
  const ownRuns = deriveRuns(
    attempts.flatMap((attempt) =>
      attempt.events
        .filter((entry) => !foreign.has(entry.seq))
        .map((entry) => ({ ...entry, attemptIndex: attempt.index }))
    ),
    new Set(attempts.filter((attempt) => attempt.view.close !== null).map((attempt) => attempt.index))
  )
  const greeting = attempts.find((attempt) => attempt.greeting)?.greeting ?? null
  const resolved = resolveContext(model, context, lastT, greeting)
  const cutOff = cutOffAt(model)
  return {
    model,
    context: resolved,
    attempts,
    events,
    health: readHealthSignals(model.preflight),
    ownership,
    ownRuns,
    answer: readAnswerState(attempts, ownRuns, resolved, cutOff),
    lastT,
    cutOff
  }
}

/**
 * Read a whole session model once into what the rules need: attempts with their frames, events,
 * health signals, context. `SessionEvidenceBuilder` gives the same evidence batch by batch.
 */
export function readSessionEvidence(model: SessionModel, context: DiagnosisContext): SessionEvidence {
  if (!model.retainRecords && model.rows.length > 0)
    throw new Error('this session model keeps no records: diagnose it with a SessionEvidenceBuilder that follows its RecordLog')
  const lastT = model.records.reduce((max, record) => Math.max(max, record.t), 0)
  const views = attemptViews(model, model.records.find(isFrame)?.seq ?? null)
  const attempts: AttemptEvidence[] = views.map((view, index) => emptyAttempt(index, view))
  // One pass over the records (in seq order, as the reducer keeps them), moving to the next attempt at its first seq.
  const { records, rows } = model
  let cursor = -1
  for (let i = 0; i < records.length; i++) {
    const record = records[i]
    while (cursor + 1 < views.length && views[cursor + 1].firstSeq <= record.seq) cursor += 1
    if (cursor >= 0) readAttemptRecord(attempts[cursor], record, i < rows.length ? rows.labelAt(i) : '')
  }
  return completeEvidence(model, context, attempts, lastT)
}
