import type { AgentRun } from '../../shared/session-model'
import type { ConcurrentSession } from '../../main/isolation/concurrent-sessions'
import { gateCheck, type GateCheck } from './gate-check'
import { EXPECTED_ORDERS, eventsOfRuns, findKeyed, firstOf, pipelineOrder, roleOf, triageDecision, type AgentRole } from './run-facts'

function orderProblems(run: AgentRun, decision: string | null): string[] {
  const agents = pipelineOrder(run)
  const roles = agents.map((agent) => roleOf(agent.agentName))
  const at = (role: AgentRole): number => roles.indexOf(role)
  const seqOf = (role: AgentRole): string => {
    const agent = agents[at(role)]
    return agent ? `frame #${(firstOf(agent, 'agent_started') as { seq: number }).seq}` : 'never'
  }
  const seen = agents.map((agent) => agent.agentName).join(' → ') || '(no agent started)'
  const problems: string[] = []
  if (at('optimization') >= 0 && (at('data') < 0 || at('data') > at('optimization')))
    problems.push(`run ${run.runId}: expected data before optimization; optimization started at ${seqOf('optimization')}, data ${at('data') < 0 ? 'never' : `at ${seqOf('data')}`} (order: ${seen})`)
  if (at('actions') >= 0 && (at('optimization') < 0 || at('optimization') > at('actions')))
    problems.push(`run ${run.runId}: expected optimization before actions; actions started at ${seqOf('actions')} (order: ${seen})`)
  const expected = decision ? EXPECTED_ORDERS[decision] : undefined
  if (expected && roles.join(',') !== expected.join(','))
    problems.push(`run ${run.runId}: triage decided "${decision}", so expected ${expected.join(' → ')}; got ${seen}`)
  return problems
}

function pipelineOrderCheck(session: ConcurrentSession, runs: AgentRun[]): GateCheck {
  const base = { id: 'pipeline-order', user: session.label, sessionId: session.sessionId }
  if (runs.length === 0) return gateCheck({ ...base, status: 'failed', message: 'expected a run to order; no run arrived' })
  const problems: string[] = []
  const seen: string[] = []
  for (const run of runs) {
    const decision = triageDecision(eventsOfRuns(session.model, new Set([run.runId])))
    problems.push(...orderProblems(run, decision))
    seen.push(`${pipelineOrder(run).map((agent) => agent.agentName).join(' → ')}${decision ? ` (triage: ${decision})` : ' (triage decision not readable: hard rules only)'}`)
  }
  return problems.length ? gateCheck({ ...base, status: 'failed', message: problems.join('; ') }) : gateCheck({ ...base, status: 'passed', message: seen.join('; ') })
}

function dataRequestOrReport(session: ConcurrentSession, runs: AgentRun[]): GateCheck {
  const base = { id: 'data-request-or-report', user: session.label, sessionId: session.sessionId }
  const found: string[] = []
  for (const { seq, event } of eventsOfRuns(session.model, new Set(runs.map((run) => run.runId)))) {
    if (event.type !== 'tool_completed' && event.type !== 'agent_completed') continue
    const raw = typeof event.raw === 'object' && event.raw !== null ? (event.raw as Record<string, unknown>) : {}
    const places = [event.data, raw.results]
    if (places.some((place) => findKeyed(place, ['data_request']))) found.push(`data_request from ${event.agentName ?? '—'} (frame #${seq})`)
    else if (event.agentName && roleOf(event.agentName) === 'reporting' && places.some((place) => findKeyed(place, ['report_content', 'report'])))
      found.push(`report from ${event.agentName} (frame #${seq})`)
  }
  if (found.length) return gateCheck({ ...base, status: 'passed', message: [...new Set(found)].join(', ') })
  return gateCheck({
    ...base,
    status: 'failed',
    message: `expected the data helper's data_request or the reporting agent's report in a tool_completed or agent_completed result; none arrived in ${runs.length} run${runs.length === 1 ? '' : 's'}`
  })
}

/** The pipeline-order and output checks of one user's runs (PROTOCOL.md §4). */
export function pipelineChecks(session: ConcurrentSession, runs: AgentRun[]): GateCheck[] {
  return [pipelineOrderCheck(session, runs), dataRequestOrReport(session, runs)]
}
