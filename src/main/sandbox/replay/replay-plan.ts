import type { CloseRecord, FrameRecord, HandshakeRecord } from '../../../shared/api/frame-record'

/** A recorded HTTP answer of the server (a health or config endpoint the preflight fetched). */
export type RecordedHttp = { status: number; contentType: string | null; body: string }

/** One server frame to send: after the client's `afterClientFrames`-th data frame, `delayMs` after it. */
export type ReplayStep = {
  /** How many client data frames must have arrived first (0: counted from the connection). */
  afterClientFrames: number
  /** Recorded delay from that client frame (or from the accept) to this frame, in ms. */
  delayMs: number
  kind: 'message' | 'ping'
  opcode: 1 | 2 | 9
  /** Text, or base64 for binary frames. */
  data: string
  encoding: 'utf8' | 'base64'
}

/** How the recorded connection ended, from the server's side. */
export type ReplayEnding =
  | { kind: 'close'; afterClientFrames: number; delayMs: number; code: number; reason: string }
  | { kind: 'drop'; afterClientFrames: number; delayMs: number }
  /** The client closed (or the recording stops): the server waits for the client. */
  | { kind: 'await-client' }

/** The server side of one recorded connection, ready to play to any number of clients. */
export type ReplayPlan = {
  /** The recorded handshake (the last attempt's: the one the session's outcome came from). */
  handshake: HandshakeRecord
  steps: ReplayStep[]
  ending: ReplayEnding
  /** Recorded HTTP answers by path (`/health`, `/ws/config`…). */
  http: Map<string, RecordedHttp>
}

function httpAnswers(records: readonly FrameRecord[]): Map<string, RecordedHttp> {
  const answers = new Map<string, RecordedHttp>()
  for (const record of records) {
    if (record.kind !== 'preflight' || record.check !== 'http' || record.status === null) continue
    let path: string
    try {
      path = new URL(record.target).pathname
    } catch {
      continue
    }
    const detail = (record.detail ?? {}) as { contentType?: unknown; body?: unknown }
    const contentType = typeof detail.contentType === 'string' ? detail.contentType : null
    const body = typeof detail.body === 'string' ? detail.body : detail.body === undefined || detail.body === null ? '' : JSON.stringify(detail.body)
    // The auth service's /health shares the path with the API's: the API's (named without "auth") wins.
    if (answers.has(path) && record.name.startsWith('auth ')) continue
    answers.set(path, { status: record.status, contentType, body })
  }
  return answers
}

/**
 * Read the server side of a recording: the last attempt's handshake; each server frame after it
 * with its delay relative to the client data frame it followed (or the accept, before any), so a
 * client that asks later than the recorded one still sees the answer follow its question; and the
 * end — the server's close or a drop at its recorded delay, else wait for the client's close.
 * Throws when the recording holds no handshake (nothing to answer an upgrade with).
 */
export function planReplay(records: readonly FrameRecord[]): ReplayPlan {
  let attemptStart = 0
  records.forEach((record, index) => {
    if (record.kind === 'attempt') attemptStart = index
  })
  const attempt = records.slice(attemptStart)
  const handshake = attempt.find((record): record is HandshakeRecord => record.kind === 'handshake')
  if (!handshake) throw new Error('the recording has no handshake: there is no connection to replay')
  const steps: ReplayStep[] = []
  let clientFrames = 0
  let anchorT = handshake.t
  let close: CloseRecord | null = null
  for (const record of attempt) {
    if (record.seq <= handshake.seq) continue
    if (record.kind === 'close') {
      close = record
      break
    }
    if (record.kind === 'message' && record.dir === 'out') {
      clientFrames += 1
      anchorT = record.t
      continue
    }
    if (record.dir !== 'in') continue
    const delay = Math.max(0, record.t - anchorT)
    if (record.kind === 'message')
      steps.push({ afterClientFrames: clientFrames, delayMs: delay, kind: 'message', opcode: record.opcode, data: record.data, encoding: record.encoding })
    else if (record.kind === 'ping')
      steps.push({ afterClientFrames: clientFrames, delayMs: delay, kind: 'ping', opcode: 9, data: record.data, encoding: 'utf8' })
  }
  const delayMs = close ? Math.max(0, close.t - anchorT) : 0
  const ending: ReplayEnding =
    !handshake.ok || !close || close.initiator === 'client'
      ? { kind: 'await-client' }
      : close.initiator === 'server' && close.clean
        ? { kind: 'close', afterClientFrames: clientFrames, delayMs, code: close.code, reason: close.reason }
        : { kind: 'drop', afterClientFrames: clientFrames, delayMs }
  return { handshake, steps, ending, http: httpAnswers(records) }
}
