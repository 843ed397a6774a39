import type { Evidence } from '../diagnosis-types'
import type { SessionEvidence } from '../session-evidence'
import { RANK, formatMs, ranked, type RankedFinding } from './rule-finding'

/**
 * Answer rules: what became of the user's last message. A server that accepts it and then
 * never answers within the answer budget (the environment's full-answer service level, or the
 * time the caller waited) is failing, however politely it keeps the connection open; a
 * server that closes before the answer is failing even when its close looks normal; a user who
 * closes before the answer is no fault at all. While the answer is still awaited there is no
 * finding: the diagnosis carries `awaiting` instead.
 */
export function answerRules(evidence: SessionEvidence): RankedFinding[] {
  const answer = evidence.answer
  if (answer.kind === 'not-asked' || answer.kind === 'answered' || answer.kind === 'awaiting' || answer.kind === 'run-failed')
    return []
  // A recording that stops mid-wait says nothing about the server: the cut-off rule reports it.
  if (answer.kind === 'cut-off' && answer.recordingEnded) return []
  const request: Evidence = { label: `${answer.request.type ?? 'message'} sent`, value: `t=${formatMs(answer.request.t)}`, seq: answer.request.seq }
  const run = answer.run
  const runEvidence: Evidence[] = run
    ? [{ label: `run ${run.runId}`, value: `${run.status}, last event t=${formatMs(run.lastT)}, ${run.agents.length} agent(s) seen` }]
    : [{ label: 'run', value: 'none started' }]
  if (answer.kind === 'abandoned')
    return [
      ranked(RANK.quality, {
        component: 'client',
        severity: 'info',
        confidence: 'certain',
        code: 'client.closed-before-answer',
        title: `The session was closed by the client ${formatMs(answer.elapsedMs)} after the message, before the answer`,
        explanation: `The client (the user, or the probe) ended the session within the ${formatMs(evidence.context.sla.fullAnswerMs)} answer budget; that is not a server fault, and nothing can be said about the answer.`,
        evidence: [request, ...runEvidence],
        nextSteps: ['Wait longer for the answer to judge the run.']
      })
    ]
  if (answer.kind === 'overdue') {
    const ranOut = answer.elapsedMs < answer.budgetMs
    return [
      ranked(RANK.inferred, {
        component: 'server',
        severity: 'error',
        confidence: 'likely',
        code: 'server.no-answer',
        title: run
          ? `The run did not complete: no answer ${formatMs(answer.elapsedMs)} after the message`
          : `The server accepted the message but never answered (${formatMs(answer.elapsedMs)})`,
        explanation: `${run ? `Run ${run.runId} started but had not completed` : 'No run started'} ${ranOut ? 'when the wait ended' : `within the ${formatMs(answer.budgetMs)} answer budget`}; the user gets no answer. A connection that stays open without answering is still a failure.`,
        evidence: [request, ...runEvidence, { label: 'answer budget', value: formatMs(answer.budgetMs) }],
        nextSteps: [
          'Check the backend for this request: is the message routed to an agent, and is the agent worker stuck?',
          'Retry with a longer wait to tell a slow run from a stuck one.'
        ]
      })
    ]
  }
  return [
    ranked(RANK.quality, {
      component: 'server',
      severity: 'error',
      confidence: 'likely',
      code: 'server.closed-before-answer',
      title: 'The connection ended before the answer arrived',
      explanation: 'The message was sent, then the connection ended — not by the client — before a run completed; the user gets no answer. The close finding, if any, says why.',
      evidence: [request, ...runEvidence],
      nextSteps: ['Reconnect and resend the request.']
    })
  ]
}
