import type { ServiceLevels } from '../../shared/diagnosis'
import { CRITICAL_EVENTS } from '../../shared/protocol/agent-event'
import type { AgentRun, SessionModel } from '../../shared/session-model'
import type { ConcurrentSession } from '../../main/isolation/concurrent-sessions'
import { gateCheck, type GateCheck } from './gate-check'
import { pipelineChecks } from './pipeline-checks'
import { AGENT_END_TYPES, AGENT_FAILURE_TYPES, firstOf, roleOf } from './run-facts'
import { formatDuration } from '../../shared/format/duration'

/** One user's session as the gate judges it. */
export type UserUnderCheck = { session: ConcurrentSession; ownRunIds: ReadonlySet<string>; sla: ServiceLevels }

const ms = formatDuration

function closeText(model: SessionModel): string {
  const close = model.close
  return close ? `the connection closed with ${close.code}${close.reason ? ` "${close.reason}"` : ''} (frame #${close.seq})` : 'the connection stayed open'
}

function connects(user: UserUnderCheck): GateCheck {
  const { model, label, sessionId } = user.session
  const hs = model.handshake
  const base = { id: 'connects', user: label, sessionId }
  if (hs?.ok) return gateCheck({ ...base, status: 'passed', message: `upgrade accepted (HTTP ${hs.status ?? 101}) in ${ms(hs.ms)}`, ms: hs.ms })
  if (hs) return gateCheck({ ...base, status: 'failed', message: `expected the upgrade to be accepted (HTTP 101); got ${hs.status ? `HTTP ${hs.status}` : 'no response'}${hs.error ? `: ${hs.error}` : ''} (frame #${hs.seq})` })
  return gateCheck({ ...base, status: 'failed', message: `expected the upgrade to be accepted (HTTP 101); no handshake before the timeout; ${closeText(model)}` })
}

function runsComplete(user: UserUnderCheck, runs: AgentRun[]): GateCheck {
  const { model, label, sessionId, sentAt, timedOut } = user.session
  const base = { id: 'runs-complete', user: label, sessionId }
  if (sentAt === null) return gateCheck({ ...base, status: 'failed', message: `expected to send the message; the session was not open (${closeText(model)})` })
  if (runs.length === 0)
    return gateCheck({ ...base, status: 'failed', message: `expected a run to start after the message; none arrived${timedOut ? ' before the timeout' : ''}; ${closeText(model)}` })
  const problems: string[] = []
  for (const run of runs) {
    if (run.status === 'completed') continue
    const failure = run.agents.flatMap((agent) => agent.events).find((event) => AGENT_FAILURE_TYPES.has(event.type) || event.type === 'error')
    if (failure) problems.push(`run ${run.runId}: expected the Supervisor's agent_completed; got ${failure.type} from ${failure.agentName ?? 'the server'} at frame #${failure.seq}`)
    else {
      const last = run.agents.flatMap((agent) => agent.events).sort((a, b) => b.seq - a.seq)[0]
      problems.push(`run ${run.runId}: expected the Supervisor's agent_completed; the run stopped after ${last ? `${last.type} from ${last.agentName ?? '—'} (frame #${last.seq})` : 'its first event'}; ${timedOut ? 'timed out' : closeText(model)}`)
    }
  }
  const total = Math.max(...runs.map((run) => run.lastT)) - sentAt
  return problems.length
    ? gateCheck({ ...base, status: 'failed', message: problems.join('; ') })
    : gateCheck({ ...base, status: 'passed', message: `${runs.length} run${runs.length === 1 ? '' : 's'} completed`, ms: total })
}

/** What one run owes (PROTOCOL.md §3): the five types across the run, every start closed, every tool answered, causal order. */
function runDebts(run: AgentRun): string[] {
  const problems: string[] = []
  const missing = CRITICAL_EVENTS.filter((type) => !run.agents.some((agent) => agent.critical[type]))
  if (missing.length) problems.push(`run ${run.runId}: expected all five critical event types across the run; ${missing.join(', ')} never arrived`)
  for (const agent of run.agents) {
    const started = firstOf(agent, 'agent_started')
    const end = agent.events.find((event) => AGENT_END_TYPES.has(event.type)) ?? null
    if (started && !end) problems.push(`run ${run.runId}: ${agent.agentName}'s agent_started (frame #${started.seq}) was never closed by agent_completed (or agent_error/agent_death/agent_timeout_failure)`)
    if (!started && end) problems.push(`run ${run.runId}: ${agent.agentName} sent ${end.type} (frame #${end.seq}) without an agent_started`)
    const first = agent.events.find((event) => (CRITICAL_EVENTS as readonly string[]).includes(event.type))
    if (started && first && first.seq < started.seq) problems.push(`run ${run.runId}: ${agent.agentName} sent ${first.type} (frame #${first.seq}) before its agent_started (frame #${started.seq})`)
    const late = end ? agent.events.find((event) => event.seq > end.seq && (CRITICAL_EVENTS as readonly string[]).includes(event.type)) : undefined
    if (end && late) problems.push(`run ${run.runId}: ${agent.agentName} sent ${late.type} (frame #${late.seq}) after its ${end.type} (frame #${end.seq})`)
    const open = new Map<string, number>()
    for (const event of agent.events) {
      const tool = event.toolName ?? '(tool)'
      if (event.type === 'tool_executing') open.set(tool, event.seq)
      else if (event.type === 'tool_completed') {
        if (open.has(tool)) open.delete(tool)
        else problems.push(`run ${run.runId}: ${agent.agentName}'s tool_completed for ${tool} (frame #${event.seq}) answers no tool_executing`)
      } else if (end && event.seq === end.seq) break
    }
    for (const [tool, seq] of open)
      problems.push(`run ${run.runId}: ${agent.agentName}'s tool_executing for ${tool} (frame #${seq}) was never answered by a tool_completed${end ? ` before its ${end.type} (frame #${end.seq})` : ''}`)
  }
  return problems
}

function criticalEvents(user: UserUnderCheck, runs: AgentRun[]): GateCheck {
  const base = { id: 'critical-events', user: user.session.label, sessionId: user.session.sessionId }
  if (runs.length === 0) return gateCheck({ ...base, status: 'failed', message: 'expected the critical events of a run; no run arrived' })
  const problems = runs.flatMap(runDebts)
  return problems.length
    ? gateCheck({ ...base, status: 'failed', message: problems.join('; ') })
    : gateCheck({ ...base, status: 'passed', message: `every agent_started closed and every tool_executing answered in ${runs.length} run${runs.length === 1 ? '' : 's'}, all five types present` })
}

function serviceLevels(user: UserUnderCheck, runs: AgentRun[]): GateCheck {
  const { sla } = user
  const { label, sessionId, sentAt } = user.session
  const base = { id: 'service-levels', user: label, sessionId }
  if (runs.length === 0) return gateCheck({ ...base, status: 'failed', message: 'expected a run to time; no run arrived' })
  const problems: string[] = []
  const seen: string[] = []
  let answerMs: number | null = null
  for (const run of runs) {
    const data = run.agents.find((agent) => ['data', 'data_helper'].includes(roleOf(agent.agentName)))
    const dataStart = data ? firstOf(data, 'agent_started') : null
    const dataEnd = data ? (data.events.find((event) => AGENT_END_TYPES.has(event.type)) ?? null) : null
    if (data && dataStart && dataEnd) {
      const took = dataEnd.t - dataStart.t
      seen.push(`data ${ms(took)}`)
      if (took > sla.dataProcessingMs) problems.push(`run ${run.runId}: expected data processing within ${ms(sla.dataProcessingMs)}; ${data.agentName} took ${ms(took)} (frames #${dataStart.seq}–#${dataEnd.seq})`)
    }
    const report = run.agents.find((agent) => roleOf(agent.agentName) === 'reporting')
    const reportEnd = report ? firstOf(report, 'agent_completed') : null
    if (dataEnd && reportEnd) {
      const after = reportEnd.t - dataEnd.t
      seen.push(`report ${ms(after)} after data`)
      if (after > sla.reportAfterDataMs) problems.push(`run ${run.runId}: expected the report within ${ms(sla.reportAfterDataMs)} of the data; it came ${ms(after)} after (frame #${reportEnd.seq})`)
    }
    const supervisor = run.agents.find((agent) => roleOf(agent.agentName) === 'supervisor')
    const answered = supervisor ? firstOf(supervisor, 'agent_completed') : null
    const begin = sentAt ?? run.firstT
    const total = (answered?.t ?? run.lastT) - begin
    answerMs = Math.max(answerMs ?? 0, total)
    seen.push(`answer ${ms(total)}`)
    if (total > sla.fullAnswerMs) problems.push(`run ${run.runId}: expected the full answer within ${ms(sla.fullAnswerMs)}; ${answered ? `it took ${ms(total)} (frame #${answered.seq})` : `none after ${ms(total)}`}`)
  }
  return problems.length
    ? gateCheck({ ...base, status: 'failed', message: problems.join('; '), ms: answerMs })
    : gateCheck({ ...base, status: 'passed', message: `${seen.join(', ')} (service levels: data ${ms(sla.dataProcessingMs)}, report ${ms(sla.reportAfterDataMs)} after data, answer ${ms(sla.fullAnswerMs)})`, ms: answerMs })
}

/** The gate's checks of one user's session, in a fixed order; those that need a connection are skipped without one. */
export function userChecks(user: UserUnderCheck): GateCheck[] {
  const connected = connects(user)
  const runs = user.session.model.runs.filter((run) => user.ownRunIds.has(run.runId))
  const later = ['runs-complete', 'critical-events', 'pipeline-order', 'service-levels', 'data-request-or-report']
  if (connected.status !== 'passed')
    return [connected, ...later.map((id) => gateCheck({ id, user: user.session.label, sessionId: user.session.sessionId, status: 'skipped', message: 'not checked: the session did not connect' }))]
  return [connected, runsComplete(user, runs), criticalEvents(user, runs), ...pipelineChecks(user.session, runs), serviceLevels(user, runs)]
}
