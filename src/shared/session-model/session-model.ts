import type {
  CloseRecord,
  ErrorRecord,
  FrameDirection,
  FrameRecord,
  HandshakeRecord,
  PreflightRecord,
  SessionStartRecord,
  TokenRecord
} from '../api/frame-record'
import type { CriticalEventType } from '../protocol/agent-event'
import type { FrameFlag } from '../protocol/parse-frame'
import { RowTable } from './row-table'

/** One line of the frame list: everything the list shows, computed once per record. */
export type FrameRow = {
  seq: number
  t: number
  dir: FrameDirection
  kind: FrameRecord['kind']
  /** Message type for data frames (`agent_started`), otherwise a short description (`close 1000`). */
  label: string
  size: number
  runId: string | null
  agentName: string | null
  flag: FrameFlag | null
}

/** One agent event inside a run, as the timeline shows it. */
export type RunEvent = {
  seq: number
  t: number
  type: string
  agentName: string | null
  toolName: string | null
  status: string | null
}

/** The events of one agent within a run. */
export type AgentTimeline = {
  agentName: string
  events: RunEvent[]
  /** Which of the five critical events this agent emitted. */
  critical: Record<CriticalEventType, boolean>
}

/** Where a run stands. */
export type RunStatus = 'running' | 'completed' | 'error'

/** Everything one `run_id` produced, agents in order of first appearance. */
export type AgentRun = {
  runId: string
  threadId: string | null
  agents: AgentTimeline[]
  eventCount: number
  firstT: number
  lastT: number
  status: RunStatus
}

/** What `connection_established` told us. */
export type ConnectionInfo = {
  userId: string | null
  connectionId: string | null
  mode: string | null
}

/** Connection state as derived from records. */
export type DerivedSessionState = 'idle' | 'connecting' | 'open' | 'closed'

/** Frame and byte counters per direction. */
export type SessionStats = {
  framesIn: number
  framesOut: number
  bytesIn: number
  bytesOut: number
  flagged: number
}

/** One connection attempt and what it produced (a session retries per its environment). */
export type AttemptView = {
  attempt: number
  of: number
  /** Seq of the attempt's first record. */
  firstSeq: number
  handshake: HandshakeRecord | null
  close: CloseRecord | null
  errors: ErrorRecord[]
}

/** Options of a new model. */
export type SessionModelOptions = {
  /**
   * Keep every full record in `records` (default true). The renderer passes false: it keeps
   * rows for all records and full records only for a bounded window, fetched by range, and
   * diagnoses in a worker that keeps its own model.
   */
  retainRecords?: boolean
}

/**
 * The whole derived view of one session; produced only by `applyRecords`.
 *
 * `records`, `rows` and each agent's `events` are append-only arrays that `applyRecords` pushes
 * into in place, so a batch costs in proportion to the batch, not to the session: a model object
 * shares them with the models it was made from. Small values (stats, attempts, the runs list,
 * the touched run and agent) are new objects after a batch that changed them, so a selector sees
 * the change; `version` counts the batches applied.
 */
export type SessionModel = {
  sessionId: string
  /** Bumped by every batch that applied at least one record. */
  version: number
  /** Whether `records` holds every record (see `SessionModelOptions.retainRecords`). */
  retainRecords: boolean
  /** Every record in order, or none when `retainRecords` is false. */
  records: FrameRecord[]
  /** One row per record, in order, stored by column (see `RowTable`). */
  rows: RowTable
  start: SessionStartRecord | null
  /** Handshake and close of the latest attempt. */
  handshake: HandshakeRecord | null
  close: CloseRecord | null
  /** Every attempt in order; a session without retries has one. */
  attempts: AttemptView[]
  preflight: PreflightRecord[]
  token: TokenRecord | null
  state: DerivedSessionState
  connection: ConnectionInfo | null
  runs: AgentRun[]
  stats: SessionStats
  /** Highest seq applied; records at or below it are ignored, so backlog and live pushes can overlap. */
  lastSeq: number
  /**
   * The record stream has ended (a finished recording: nothing more will come) rather than being
   * live. Set by `endRecords`; an ended stream whose connection never closed is cut off (`cutOffAt`).
   */
  ended: boolean
}

/** An empty model for a session that has produced nothing yet. */
export function createSessionModel(sessionId: string, options: SessionModelOptions = {}): SessionModel {
  return {
    sessionId,
    version: 0,
    retainRecords: options.retainRecords ?? true,
    records: [],
    rows: new RowTable(),
    start: null,
    handshake: null,
    close: null,
    attempts: [],
    preflight: [],
    token: null,
    state: 'idle',
    connection: null,
    runs: [],
    stats: { framesIn: 0, framesOut: 0, bytesIn: 0, bytesOut: 0, flagged: 0 },
    lastSeq: -1,
    ended: false
  }
}
