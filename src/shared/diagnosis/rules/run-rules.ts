import type { AgentTimeline } from '../../session-model'
import { agentKey, type AgentRole } from '../agent-roles'
import type { DerivedRun } from '../derive-runs'
import type { SessionEvidence } from '../session-evidence'
import { dataHelperFindings } from './data-helper-rules'
import { runPairProblems } from './run-pairs'
import { RANK, formatMs, ranked, type RankedFinding } from './rule-finding'

const LEAKED_SEPARATOR = '|'

/** `agentKey|type` of this session's events that went out under another user's run: not missing, leaked. */
function leakedKeys(evidence: SessionEvidence): Set<string> {
  return new Set(
    evidence.ownership.foreignEvents
      .filter((entry) => entry.event.agentName !== null)
      .map((entry) => `${agentKey(entry.event.agentName as string)}${LEAKED_SEPARATOR}${entry.event.type}`)
  )
}

function firstT(agent: AgentTimeline, type: string): number | null {
  return agent.events.find((event) => event.type === type)?.t ?? null
}

function pairFindings(run: DerivedRun, evidence: SessionEvidence): RankedFinding[] {
  const { missing, disorder } = runPairProblems(run, leakedKeys(evidence))
  const findings: RankedFinding[] = []
  if (missing.length > 0)
    findings.push(
      ranked(RANK.quality, {
        component: 'agent-bridge',
        severity: 'warning',
        confidence: 'possible',
        code: 'agent-bridge.missing-critical-events',
        title: `Critical events never arrived (run ${run.runId})`,
        explanation: `A run owes all five critical event types across its agents, every agent_started closed by agent_completed (or an error), and every tool_executing answered by a tool_completed of the same agent before it completes (PROTOCOL.md §3). ${missing.length} of these never arrived, so the event delivery (the agent WebSocket bridge) dropped or never sent them; a UI waiting for them hangs. Judged from what is absent, so the server may have skipped the step rather than lost the event.`,
        evidence: missing,
        nextSteps: [
          'Check the agent WebSocket bridge emitter for these event types.',
          'Compare with the same run in the server logs.'
        ]
      })
    )
  if (disorder.length > 0)
    findings.push(
      ranked(RANK.quality, {
        component: 'agent-bridge',
        severity: 'warning',
        confidence: 'likely',
        code: 'agent-bridge.events-out-of-order',
        title: `Critical events arrived out of causal order (run ${run.runId})`,
        explanation:
          "Within an agent, agent_started comes first, each tool_completed after its tool_executing, and agent_completed last; these arrived otherwise, so the bridge's event queue reorders them.",
        evidence: disorder,
        nextSteps: ["Check the ordering of the bridge's event queue."]
      })
    )
  return findings
}

function orchestration(run: DerivedRun): RankedFinding[] {
  const order = run.agents
    .filter((agent) => agent.role !== 'supervisor' && agent.events.some((event) => event.type === 'agent_started'))
    .map((agent) => ({ agent, role: agent.role }))
  const position = (role: AgentRole): number => order.findIndex((entry) => entry.role === role)
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
        severity: 'warning',
        confidence: 'likely',
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
        severity: 'warning',
        confidence: 'likely',
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

function serviceLevels(run: DerivedRun, evidence: SessionEvidence): RankedFinding[] {
  const { sla } = evidence.context
  const findings: RankedFinding[] = []
  const dataAgent = run.agents.find((agent) => agent.role === 'data' || agent.role === 'data_helper')
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
          confidence: 'likely',
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
    const reporting = run.agents.find((agent) => agent.role === 'reporting')
    const reportDone = reporting ? firstT(reporting, 'agent_completed') : null
    // "After data" is after the last data step before the report (data_helper → data → reporting).
    const dataDones = run.agents
      .filter((agent) => agent.role === 'data' || agent.role === 'data_helper')
      .map((agent) => firstT(agent, 'agent_completed'))
      .filter((t): t is number => t !== null && (reportDone === null || t <= reportDone))
    const dataDone = dataDones.length > 0 ? Math.max(...dataDones) : null
    if (dataDone !== null && reportDone !== null && reportDone - dataDone > sla.reportAfterDataMs) {
      findings.push(
        ranked(RANK.quality, {
          component: 'llm',
          severity: 'warning',
          confidence: 'likely',
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
  // A run still going past the budget is the answer rules' business (no answer yet).
  if (run.status !== 'completed' || run.endT === null) return findings
  const answered = run.endT
  const request = evidence.attempts
    .flatMap((attempt) => attempt.outgoing)
    .filter((message) => message.t <= run.firstT)
    .pop()
  const begin = request?.t ?? run.firstT
  const total = answered - begin
  if (total > sla.fullAnswerMs) {
    findings.push(
      ranked(RANK.quality, {
        component: 'llm',
        severity: 'warning',
        confidence: 'likely',
        code: 'llm.answer-slow',
        title: `The full answer took ${formatMs(total)} (service level ${formatMs(sla.fullAnswerMs)})`,
        explanation: 'A full answer is promised within 60 s of the request.',
        evidence: [{ label: 'request sent', value: `t=${formatMs(begin)}`, seq: request?.seq }],
        nextSteps: ['Look at the slowest agent in the timeline; check the LLM provider latency.']
      })
    )
  }
  return findings
}

/**
 * Run rules, per run of this session (PROTOCOL.md §3–4): the pairs a run owes — all five
 * critical types across its agents once complete, every start closed, every tool answered,
 * causal order within an agent (else the agent bridge lost or reordered events); data before
 * optimization and optimization before actions (else the supervisor ordered it wrong); the
 * service levels (else the model steps are slow); and the data helper's own verdict on its
 * data request. The Supervisor wrapping a run with only its start and completion, and agents
 * that call no tool, owe nothing more.
 */
export function runRules(evidence: SessionEvidence): RankedFinding[] {
  return evidence.ownRuns.flatMap((run) => [
    ...pairFindings(run, evidence),
    ...orchestration(run),
    ...serviceLevels(run, evidence),
    ...dataHelperFindings(run)
  ])
}
