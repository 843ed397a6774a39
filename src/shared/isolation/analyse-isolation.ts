import type { AgentEvent } from '../protocol/agent-event'
import { parseFrame } from '../protocol/parse-frame'
import type { SessionModel } from '../session-model'
import { leakFinding } from './leak-finding'
import type { FrameRef, IsolationLeak, IsolationParticipant, IsolationReport } from './isolation-types'

/** One session handed to the check, with a label for the matrix (e.g. its user). */
export type IsolationInput = { label: string; model: SessionModel }

type Inbound = { seq: number; event: AgentEvent }
type Claim = { session: number; frame: FrameRef }

/** Types that describe the connection rather than a request's work; they cannot leak a run. */
const CONNECTION_TYPES = new Set(['connection_established', 'pong', 'heartbeat', 'heartbeat_ack', 'ack'])

function inboundEvents(model: SessionModel): Inbound[] {
  const events: Inbound[] = []
  for (const record of model.records) {
    if (record.kind !== 'message' || record.dir !== 'in') continue
    const { event } = parseFrame(record.encoding, record.data)
    if (event) events.push({ seq: record.seq, event })
  }
  return events
}

/** The first seq of a client data frame: before it, this session asked for nothing. */
function firstRequestSeq(model: SessionModel): number | null {
  const request = model.records.find((record) => record.kind === 'message' && record.dir === 'out')
  return request ? request.seq : null
}

function identityOf(model: SessionModel, events: Inbound[]): { userId: string | null; frame: Inbound | null } {
  const greeting = events.find((entry) => entry.event.type === 'connection_established') ?? null
  if (greeting?.event.userId) return { userId: greeting.event.userId, frame: greeting }
  const sub = model.token?.decodable ? (model.token.claims.sub ?? null) : null
  return { userId: typeof sub === 'string' ? sub : null, frame: null }
}

function claimFirst(map: Map<string, Claim>, key: string | null, claim: Claim): void {
  if (key && !map.has(key)) map.set(key, claim)
}

/**
 * Compare N sessions that ran at the same time: every event must belong to the session that
 * received it. An event carrying another session's user is a certain leak; one whose run or
 * thread another session owns is certain too (that session's frame proves it); one that
 * belongs to no session, or arrives before this session asked anything, is a likely leak.
 * Ownership is claimed by events that carry the session's own user id, and — for servers that
 * omit `user_id` — by the session that saw a run first after its own request.
 */
export function analyseIsolation(inputs: readonly IsolationInput[]): IsolationReport {
  const sessions = inputs.map((input) => {
    const events = inboundEvents(input.model)
    return { input, events, identity: identityOf(input.model, events), requestSeq: firstRequestSeq(input.model) }
  })
  const userOwner = new Map<string, Claim>()
  const runOwner = new Map<string, Claim>()
  const threadOwner = new Map<string, Claim>()
  const ref = (index: number, entry: Inbound): FrameRef => ({ sessionId: inputs[index].model.sessionId, seq: entry.seq, type: entry.event.type })

  sessions.forEach((session, index) => {
    const { userId, frame } = session.identity
    if (userId && !userOwner.has(userId))
      userOwner.set(userId, { session: index, frame: frame ? ref(index, frame) : { sessionId: inputs[index].model.sessionId, seq: session.input.model.token?.seq ?? 0, type: 'token' } })
    for (const entry of session.events) {
      if (!userId || entry.event.userId !== userId) continue
      claimFirst(runOwner, entry.event.runId, { session: index, frame: ref(index, entry) })
      claimFirst(threadOwner, entry.event.threadId, { session: index, frame: ref(index, entry) })
    }
  })
  // Servers that send no user_id: a run nobody claimed belongs to the session that saw it after asking.
  sessions.forEach((session, index) => {
    for (const entry of session.events) {
      if (entry.event.userId !== null || session.requestSeq === null || entry.seq < session.requestSeq) continue
      claimFirst(runOwner, entry.event.runId, { session: index, frame: ref(index, entry) })
      claimFirst(threadOwner, entry.event.threadId, { session: index, frame: ref(index, entry) })
    }
  })

  const leaks: IsolationLeak[] = []
  sessions.forEach((session, receiver) => {
    const own = session.identity.userId
    for (const entry of session.events) {
      const { event } = entry
      if (CONNECTION_TYPES.has(event.type)) continue
      if (event.userId === null && event.runId === null && event.threadId === null) continue
      const leak = (owner: Claim | undefined, reason: IsolationLeak['reason']): void => {
        leaks.push({
          receiver,
          owner: owner ? owner.session : null,
          confidence: owner ? 'certain' : 'likely',
          reason,
          frame: ref(receiver, entry),
          ownerFrame: owner ? owner.frame : null,
          userId: event.userId,
          runId: event.runId,
          threadId: event.threadId,
          agentName: event.agentName
        })
      }
      if (event.userId !== null && event.userId !== own) {
        const owner = userOwner.get(event.userId)
        // Prefer the owner's frame of the very same run: it shows where the event should have gone.
        const sameRun = event.runId ? runOwner.get(event.runId) : undefined
        leak(owner && sameRun?.session === owner.session ? sameRun : owner, 'user')
        continue
      }
      const run = event.runId ? runOwner.get(event.runId) : undefined
      if (run && run.session !== receiver) {
        leak(run, 'run')
        continue
      }
      const thread = event.threadId ? threadOwner.get(event.threadId) : undefined
      if (thread && thread.session !== receiver) {
        leak(thread, 'thread')
        continue
      }
      if (session.requestSeq === null || entry.seq < session.requestSeq) leak(undefined, 'unrequested')
    }
  })

  const participants: IsolationParticipant[] = sessions.map((session, index) => ({
    sessionId: session.input.model.sessionId,
    label: session.input.label,
    userId: session.identity.userId,
    runIds: [...runOwner.entries()].filter(([, claim]) => claim.session === index).map(([runId]) => runId),
    events: session.events.filter((entry) => !CONNECTION_TYPES.has(entry.event.type)).length
  }))
  const matrix = inputs.map(() => inputs.map(() => 0))
  const unowned = inputs.map(() => 0)
  for (const leak of leaks) {
    if (leak.owner === null) unowned[leak.receiver]++
    else matrix[leak.receiver][leak.owner]++
  }
  return { participants, matrix, unowned, leaks, findings: leaks.map((leak) => leakFinding(leak, participants)) }
}
