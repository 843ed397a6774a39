import type { Finding } from '../diagnosis'

/** How sure the check is that an event belongs to someone else. */
export type LeakConfidence = 'certain' | 'likely'

/** Why an event was judged foreign to the session that received it. */
export type LeakReason = 'user' | 'run' | 'thread' | 'unrequested'

/** A frame in one of the sessions of the check. */
export type FrameRef = { sessionId: string; seq: number; type: string }

/** One event that reached a session it does not belong to. */
export type IsolationLeak = {
  /** Index of the session that received the event. */
  receiver: number
  /** Index of the session that owns its user, run or thread; null when it belongs to no session of the check. */
  owner: number | null
  confidence: LeakConfidence
  reason: LeakReason
  /** The offending frame, in the receiving session. */
  frame: FrameRef
  /** The owner's frame that proves the ownership (its greeting, or the first event of that run/thread). */
  ownerFrame: FrameRef | null
  userId: string | null
  runId: string | null
  threadId: string | null
  agentName: string | null
}

/** One session of the check as the matrix labels it. */
export type IsolationParticipant = {
  sessionId: string
  label: string
  /** The user the server treats this session as (greeting `user_id`, else the token's `sub`). */
  userId: string | null
  /** Runs this session owns. */
  runIds: string[]
  /** Inbound agent events read. */
  events: number
}

/** A finding about one leaked event; `confidence` says how sure the attribution is. */
export type IsolationFinding = Finding & { confidence: LeakConfidence; sessionId: string }

/** The result of comparing N concurrent sessions. */
export type IsolationReport = {
  participants: IsolationParticipant[]
  /**
   * `matrix[r][o]`: events received by session `r` that belong to session `o` (the diagonal is always 0).
   * Events that belong to no session of the check are counted in `unowned[r]`.
   */
  matrix: number[][]
  unowned: number[]
  leaks: IsolationLeak[]
  findings: IsolationFinding[]
}
