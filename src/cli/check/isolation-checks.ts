import type { IsolationReport } from '../../shared/isolation'
import { gateCheck, type GateCheck } from './gate-check'

/** One isolation case per user: it received only its own events (the report of N concurrent sessions). */
export function isolationChecks(report: IsolationReport): GateCheck[] {
  return report.participants.map((participant, index) => {
    const base = { id: 'isolation', user: participant.label, sessionId: participant.sessionId }
    const leaks = report.leaks.filter((leak) => leak.receiver === index)
    if (leaks.length === 0)
      return gateCheck({ ...base, status: 'passed', message: `${participant.events} events, all of user ${participant.userId ?? '—'}, none of the other ${report.participants.length - 1} concurrent users` })
    const lines = leaks.slice(0, 5).map((leak) => {
      const owner = leak.owner === null ? null : report.participants[leak.owner]
      return `frame #${leak.frame.seq} ${leak.frame.type} (user_id ${leak.userId ?? '—'}, run_id ${leak.runId ?? '—'}) belongs to ${owner ? `${owner.label} (its frame #${leak.ownerFrame?.seq} in session ${owner.sessionId})` : 'no request of this session'} [${leak.confidence}]`
    })
    return gateCheck({
      ...base,
      status: 'failed',
      message: `expected only events of user ${participant.userId ?? '—'}; got ${leaks.length} of other users: ${lines.join('; ')}${leaks.length > 5 ? `; and ${leaks.length - 5} more` : ''}`
    })
  })
}
