import { CRITICAL_EVENTS } from '../../protocol/agent-event'
import type { AgentRun, AgentTimeline } from '../../session-model'
import type { Evidence } from '../diagnosis-types'
import { pipelineAgents } from '../pipeline-agents'
import type { SessionEvidence } from '../session-evidence'
import { RANK, formatMs, ranked, type RankedFinding } from './rule-finding'

type Role =
  'supervisor' | 'triage' | 'data_helper' | 'data' | 'optimization' | 'actions' | 'reporting' | 'other'

/** An agent's role in the pipeline of PROTOCOL.md §4, from its name in any generation's spelling. */
function roleOf(agentName: string): Role {
  const name = agentName.toLowerCase()
  if (name === 'supervisor' || name.includes('supervisor')) return 'supervisor'
  if (name.includes('triage')) return 'triage'
  if (name.includes('helper')) return 'data_helper'
  if (name.startsWith('data')) return 'data'
  if (name.includes('optimi')) return 'optimization'
  if (name.includes('action')) return 'actions'
  if (name.includes('report')) return 'reporting'
  return 'other'
}

const FAILED_TYPES = new Set(['agent_error', 'agent_death', 'agent_timeout_failure'])

function firstT(agent: AgentTimeline, type: string): number | null {
  return agent.events.find((event) => event.type === type)?.t ?? null
}

/** Did the agent finish its part, so that all five critical events should be there? */
function agentFinished(agents: AgentTimeline[], run: AgentRun, agent: AgentTimeline, index: number): boolean {
  if (agent.events.some((event) => FAILED_TYPES.has(event.type))) return false
  if (agent.critical.agent_completed || run.status === 'completed') return true
  // Agents run sequentially: once a later one has started, this one is done.
  return (
    roleOf(agent.agentName) !== 'supervisor' &&
    agents.slice(index + 1).some((later) => roleOf(later.agentName) !== 'supervisor')
  )
}

function missingEvents(run: AgentRun, evidence: SessionEvidence): RankedFinding[] {
  // An event delivered under another user's run id is not missing from the bridge: the leak rule owns it.
  const leaked = new Set(
    evidence.ownership.foreignEvents.map((entry) => `${entry.event.agentName}|${entry.event.type}`)
  )
  const proof: Evidence[] = []
  const agents = pipelineAgents(run)
  agents.forEach((agent, index) => {
    if (!agentFinished(agents, run, agent, index)) return
    const missing = CRITICAL_EVENTS.filter(
      (type) => !agent.critical[type] && !leaked.has(`${agent.agentName}|${type}`)
    )
    const last = agent.events[agent.events.length - 1]
    if (missing.length > 0)
      proof.push({ label: agent.agentName, value: `missing ${missing.join(', ')}`, seq: last?.seq })
  })
  if (proof.length === 0) return []
  return [
    ranked(RANK.quality, {
      component: 'agent-bridge',
      severity: 'error',
      code: 'agent-bridge.missing-critical-events',
      title: `Critical events never arrived (run ${run.runId})`,
      explanation: `Every agent must emit agent_started, agent_thinking, tool_executing, tool_completed and agent_completed. ${proof.length} agent(s) finished without some of them, so the event delivery (the agent WebSocket bridge) dropped or never sent them; a UI waiting for them hangs.`,
      evidence: proof,
      nextSteps: [
        'Check the agent WebSocket bridge emitter for these event types.',
        'Compare with the same run in the server logs.'
      ]
    })
  ]
}

function outOfOrder(run: AgentRun): RankedFinding[] {
  const proof: Evidence[] = []
  for (const agent of pipelineAgents(run)) {
    const positions = CRITICAL_EVENTS.map((type) =>
      agent.events.findIndex((event) => event.type === type)
    ).filter((i) => i >= 0)
    if (positions.some((position, i) => i > 0 && position < positions[i - 1])) {
      proof.push({
        label: agent.agentName,
        value: agent.events
          .filter((event) => (CRITICAL_EVENTS as readonly string[]).includes(event.type))
          .map((event) => event.type)
          .join(' → '),
        seq: agent.events[0]?.seq
      })
    }
  }
  if (proof.length === 0) return []
  return [
    ranked(RANK.quality, {
      component: 'agent-bridge',
      severity: 'warning',
      code: 'agent-bridge.events-out-of-order',
      title: `Critical events arrived out of causal order (run ${run.runId})`,
      explanation:
        'Within an agent, agent_started → agent_thinking → tool_executing → tool_completed → agent_completed must arrive in that order.',
      evidence: proof,
      nextSteps: ["Check the ordering of the bridge's event queue."]
    })
  ]
}

function orchestration(run: AgentRun): RankedFinding[] {
  const order = pipelineAgents(run)
    .filter((agent) => roleOf(agent.agentName) !== 'supervisor')
    .map((agent) => ({ agent, role: roleOf(agent.agentName) }))
  const position = (role: Role): number => order.findIndex((entry) => entry.role === role)
  const sequence = {
    label: 'agent order',
    value: order.map((entry) => entry.agent.agentName).join(' → '),
    seq: order[0]?.agent.events[0]?.seq
  }
  const findings: RankedFinding[] = []
  const optimization = position('optimization')
  if (optimization >= 0 && (position('data') < 0 || position('data') > optimization)) {
    findings.push(
      ranked(RANK.quality, {
        component: 'agent-supervisor',
        severity: 'error',
        code: 'agent-supervisor.optimization-before-data',
        title: 'Optimization ran before the data agent',
        explanation:
          "The supervisor must run data before optimization (PROTOCOL.md §4): optimizations computed without the data are not grounded in the customer's numbers.",
        evidence: [sequence],
        nextSteps: [
          "Check the supervisor's execution order for this triage result.",
          'Do not trust the recommendations of this run.'
        ]
      })
    )
  }
  const actions = position('actions')
  if (actions >= 0 && (optimization < 0 || optimization > actions)) {
    findings.push(
      ranked(RANK.quality, {
        component: 'agent-supervisor',
        severity: 'error',
        code: 'agent-supervisor.actions-before-optimization',
        title: 'Actions ran before optimization',
        explanation: 'Actions need optimization first (PROTOCOL.md §4).',
        evidence: [sequence],
        nextSteps: ["Check the supervisor's execution order."]
      })
    )
  }
  return findings
}

function serviceLevels(run: AgentRun, evidence: SessionEvidence): RankedFinding[] {
  const { sla } = evidence.context
  const findings: RankedFinding[] = []
  const dataAgent = run.agents.find((agent) => ['data', 'data_helper'].includes(roleOf(agent.agentName)))
  const started = dataAgent ? firstT(dataAgent, 'agent_started') : null
  if (dataAgent && started !== null) {
    const end = firstT(dataAgent, 'agent_completed') ?? dataAgent.events[dataAgent.events.length - 1].t
    if (end - started > sla.dataProcessingMs) {
      const steps = dataAgent.events
        .map((event, i) => (i === 0 ? null : { gap: event.t - dataAgent.events[i - 1].t, event }))
        .filter((entry): entry is NonNullable<typeof entry> => entry !== null)
      const slowest = steps.sort((a, b) => b.gap - a.gap)[0]
      findings.push(
        ranked(RANK.quality, {
          component: 'llm',
          severity: 'warning',
          code: 'llm.data-processing-slow',
          title: `Data processing took ${formatMs(end - started)} (service level ${formatMs(sla.dataProcessingMs)})`,
          explanation: `${dataAgent.agentName} ran for ${formatMs(end - started)}${slowest ? `, most of it (${formatMs(slowest.gap)}) waiting before ${slowest.event.type}` : ''}: a slow model step.`,
          evidence: [
            {
              label: `${dataAgent.agentName} started`,
              value: `t=${formatMs(started)}`,
              seq: dataAgent.events[0].seq
            },
            ...(slowest
              ? [
                  {
                    label: `slowest step → ${slowest.event.type}`,
                    value: formatMs(slowest.gap),
                    seq: slowest.event.seq
                  }
                ]
              : [])
          ],
          nextSteps: [
            'Check the LLM provider latency and rate limits for this time.',
            'Compare with agent_timeout_warning events, if the server sends them.'
          ]
        })
      )
    }
    const dataDone = firstT(dataAgent, 'agent_completed')
    const reporting = run.agents.find((agent) => roleOf(agent.agentName) === 'reporting')
    const reportDone = reporting ? firstT(reporting, 'agent_completed') : null
    if (dataDone !== null && reportDone !== null && reportDone - dataDone > sla.reportAfterDataMs) {
      findings.push(
        ranked(RANK.quality, {
          component: 'llm',
          severity: 'warning',
          code: 'llm.report-slow',
          title: `The report came ${formatMs(reportDone - dataDone)} after the data (service level ${formatMs(sla.reportAfterDataMs)})`,
          explanation: 'Report delivery is promised within 2 s of the data step.',
          evidence: [
            {
              label: 'report completed',
              value: `t=${formatMs(reportDone)}`,
              seq: reporting?.events.find((event) => event.type === 'agent_completed')?.seq
            }
          ],
          nextSteps: ["Check the reporting agent's model latency."]
        })
      )
    }
  }
  const supervisor = run.agents.find((agent) => roleOf(agent.agentName) === 'supervisor')
  const answered = supervisor ? firstT(supervisor, 'agent_completed') : null
  const request = evidence.attempts
    .flatMap((attempt) => attempt.outgoing)
    .filter((message) => message.t <= run.firstT)
    .pop()
  const begin = request?.t ?? run.firstT
  const total = (answered ?? (run.status === 'running' ? evidence.context.elapsedMs : run.lastT)) - begin
  if (total > sla.fullAnswerMs) {
    findings.push(
      ranked(RANK.quality, {
        component: 'llm',
        severity: 'warning',
        code: 'llm.answer-slow',
        title: `The full answer took ${answered === null ? 'more than ' : ''}${formatMs(total)} (service level ${formatMs(sla.fullAnswerMs)})`,
        explanation: 'A full answer is promised within 60 s of the request.',
        evidence: [{ label: 'request sent', value: `t=${formatMs(begin)}`, seq: request?.seq }],
        nextSteps: ['Look at the slowest agent in the timeline; check the LLM provider latency.']
      })
    )
  }
  return findings
}

/**
 * Run rules: each of this session's runs must show all five critical events per finished
 * agent (else the agent bridge lost them), run data before optimization (else the
 * supervisor ordered it wrong), and meet the service levels (else the model steps are slow).
 */
export function runRules(evidence: SessionEvidence): RankedFinding[] {
  return evidence.ownRuns.flatMap((run) => [
    ...missingEvents(run, evidence),
    ...outOfOrder(run),
    ...orchestration(run),
    ...serviceLevels(run, evidence)
  ])
}
