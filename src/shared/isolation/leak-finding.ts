import type { Evidence } from '../diagnosis'
import type { IsolationFinding, IsolationLeak, IsolationParticipant } from './isolation-types'

/** The stable code of a cross-user event. */
export const CROSS_USER_EVENT_CODE = 'isolation.cross-user-event'

const REASON_TEXT: Record<IsolationLeak['reason'], string> = {
  user: "carries another session's user_id",
  run: "belongs to a run another session owns",
  thread: "belongs to a thread another session owns",
  unrequested: 'answers no request of this session'
}

/** Turn one leaked event into a `websocket-manager` finding with both frames as evidence. */
export function leakFinding(leak: IsolationLeak, participants: readonly IsolationParticipant[]): IsolationFinding {
  const receiver = participants[leak.receiver]
  const owner = leak.owner === null ? null : participants[leak.owner]
  const evidence: Evidence[] = [
    {
      label: `${receiver.label} (${receiver.sessionId}) received ${leak.frame.type}${leak.agentName ? ` from ${leak.agentName}` : ''}`,
      value: `user_id ${leak.userId ?? '—'}, run_id ${leak.runId ?? '—'}, thread_id ${leak.threadId ?? '—'}`,
      seq: leak.frame.seq
    }
  ]
  if (owner && leak.ownerFrame)
    evidence.push({
      label: `owned by ${owner.label} (${owner.sessionId}): its ${leak.ownerFrame.type}, frame #${leak.ownerFrame.seq} of that session`,
      value: `user_id ${owner.userId ?? '—'}`,
      seq: leak.ownerFrame.seq
    })
  const whose = owner ? `${owner.label}'s` : 'no session of this check'
  return {
    component: 'websocket-manager',
    severity: 'error',
    code: CROSS_USER_EVENT_CODE,
    confidence: leak.confidence,
    sessionId: receiver.sessionId,
    title: owner
      ? `${receiver.label} received an event of ${owner.label} (${leak.frame.type}, frame #${leak.frame.seq})`
      : `${receiver.label} received an event that ${REASON_TEXT[leak.reason]} (${leak.frame.type}, frame #${leak.frame.seq})`,
    explanation: `Frame #${leak.frame.seq} of ${receiver.label} ${REASON_TEXT[leak.reason]}; it is ${whose}. The WebSocket manager must route each user's events to that user's connections only: this is data bleeding between concurrent users.`,
    evidence,
    nextSteps: [
      'Treat this as a security incident: keep customer data off this environment until the routing is fixed.',
      'Check the per-user emitter / connection registry of the WebSocket manager (events routed by user_id and run_id).'
    ]
  }
}
