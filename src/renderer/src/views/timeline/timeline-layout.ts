import type { SlaThresholds } from '../../../../shared/environments'
import type { AgentRun, RunEvent } from '../../../../shared/session-model'
import { EXPECTED_PIPELINES, inferTriageDecision, type TriageDecision } from './expected-pipeline'

/** One event drawn as a marker on a lane. */
export type TimelineMarker = { seq: number; t: number; type: string; toolName: string | null }

/** A tool call: executing → completed, or open (never answered) up to the run's end. */
export type ToolSpan = { toolName: string; startSeq: number; start: number; end: number; endSeq: number | null }

/** A silence between two consecutive events of one lane, worth labelling. */
export type LaneGap = { start: number; end: number }

/** One agent's lane: its life (started → ended), markers, tool spans and gaps; or a missing lane. */
export type TimelineLane = {
  agentName: string
  /** Position in the expected pipeline, or null for agents the pipeline does not name (Supervisor, extras). */
  expectedIndex: number | null
  state: 'ran' | 'never-started' | 'unexpected'
  start: number | null
  end: number | null
  /** How the agent ended: completed, error, death, timeout, or open. */
  ending: 'completed' | 'error' | 'dead' | 'timeout' | 'open'
  markers: TimelineMarker[]
  tools: ToolSpan[]
  gaps: LaneGap[]
}

/** A service-level budget drawn on the time axis, and whether it was breached. */
export type SlaBand = {
  id: 'data' | 'report' | 'full'
  label: string
  lane: string | null
  start: number
  budgetMs: number
  /** When the measured thing ended; null when it never did (then it is breached only if time ran past the budget). */
  actualEnd: number | null
  breached: boolean
}

/** Two agents of the expected pipeline that started in the wrong order. */
export type OrderInversion = { before: string; after: string; beforeStart: number; afterStart: number }

/** Everything the timeline draws for one run, in run-relative milliseconds (`t` offsets). */
export type RunLayout = {
  runId: string
  decision: TriageDecision
  decisionSeen: boolean
  start: number
  end: number
  lanes: TimelineLane[]
  sla: SlaBand[]
  inversions: OrderInversion[]
}

/** Gaps shorter than this are not labelled: a label on every 40 ms step would be noise. */
export const GAP_LABEL_MS = 1_000

/** Agents that must start after another, whatever the pipeline (PROTOCOL.md §4). */
const HARD_RULES: ReadonlyArray<readonly [string, string]> = [
  ['data', 'optimization'],
  ['optimization', 'actions']
]

const ENDINGS: Record<string, TimelineLane['ending']> = {
  agent_completed: 'completed',
  agent_error: 'error',
  agent_death: 'dead',
  agent_timeout_failure: 'timeout'
}

function laneOf(agentName: string, events: readonly RunEvent[], runEnd: number, expectedIndex: number | null): TimelineLane {
  const markers = events.map((event) => ({ seq: event.seq, t: event.t, type: event.type, toolName: event.toolName }))
  const tools: ToolSpan[] = []
  const open = new Map<string, RunEvent>()
  let ending: TimelineLane['ending'] = 'open'
  let end: number | null = null
  for (const event of events) {
    const tool = event.toolName ?? '(tool)'
    if (event.type === 'tool_executing') open.set(tool, event)
    else if (event.type === 'tool_completed') {
      const began = open.get(tool)
      open.delete(tool)
      tools.push({ toolName: tool, startSeq: began?.seq ?? event.seq, start: began?.t ?? event.t, end: event.t, endSeq: event.seq })
    } else if (ENDINGS[event.type] && end === null) {
      ending = ENDINGS[event.type]
      end = event.t
    }
  }
  for (const [tool, began] of open) tools.push({ toolName: tool, startSeq: began.seq, start: began.t, end: end ?? runEnd, endSeq: null })
  const gaps: LaneGap[] = []
  for (let index = 1; index < events.length; index += 1) {
    if (events[index].t - events[index - 1].t >= GAP_LABEL_MS) gaps.push({ start: events[index - 1].t, end: events[index].t })
  }
  return {
    agentName,
    expectedIndex,
    state: expectedIndex === null && agentName !== 'Supervisor' ? 'unexpected' : 'ran',
    start: events[0]?.t ?? null,
    end,
    ending,
    markers,
    tools,
    gaps
  }
}

/**
 * Lay out one run: the Supervisor, then the expected pipeline for the triage decision (a lane
 * per expected agent, "never started" when it produced nothing), then agents the pipeline does
 * not name; SLA budgets against `sla`; and every pair of expected agents that started out of order.
 */
export function layoutRun(
  run: AgentRun,
  decision: TriageDecision | null,
  sla: SlaThresholds,
  sessionEnd: number
): RunLayout {
  const names = run.agents.map((agent) => agent.agentName)
  const chosen = decision ?? inferTriageDecision(names)
  const expected = EXPECTED_PIPELINES[chosen]
  const end = Math.max(run.lastT, run.status === 'running' ? sessionEnd : run.lastT)
  const byName = new Map(run.agents.map((agent) => [agent.agentName, agent]))
  const lanes: TimelineLane[] = []
  const supervisor = byName.get('Supervisor')
  if (supervisor) lanes.push(laneOf('Supervisor', supervisor.events, end, null))
  expected.forEach((name, index) => {
    const agent = byName.get(name)
    if (agent) lanes.push(laneOf(name, agent.events, end, index))
    else {
      lanes.push({ agentName: name, expectedIndex: index, state: 'never-started', start: null, end: null, ending: 'open', markers: [], tools: [], gaps: [] })
    }
  })
  for (const agent of run.agents) {
    if (agent.agentName !== 'Supervisor' && !expected.includes(agent.agentName)) lanes.push(laneOf(agent.agentName, agent.events, end, null))
  }

  const inversions: OrderInversion[] = []
  const ran = lanes.filter((lane) => lane.expectedIndex !== null && lane.start !== null)
  for (let i = 0; i < ran.length; i += 1) {
    for (let j = i + 1; j < ran.length; j += 1) {
      const before = ran[i]
      const after = ran[j]
      if ((after.start ?? 0) < (before.start ?? 0)) {
        inversions.push({ before: before.agentName, after: after.agentName, beforeStart: before.start ?? 0, afterStart: after.start ?? 0 })
      }
    }
  }
  // PROTOCOL.md §4's hard rules hold whatever triage decided: data before optimization, optimization before actions.
  for (const [first, then] of HARD_RULES) {
    const before = lanes.find((lane) => lane.agentName === first && lane.start !== null)
    const after = lanes.find((lane) => lane.agentName === then && lane.start !== null)
    const known = inversions.some((inversion) => inversion.before === first && inversion.after === then)
    if (before && after && !known && (after.start ?? 0) < (before.start ?? 0)) {
      inversions.push({ before: first, after: then, beforeStart: before.start ?? 0, afterStart: after.start ?? 0 })
    }
  }
  return { runId: run.runId, decision: chosen, decisionSeen: decision !== null, start: run.firstT, end, lanes, sla: slaBands(lanes, run.firstT, end, sla), inversions }
}

function slaBands(lanes: readonly TimelineLane[], runStart: number, runEnd: number, sla: SlaThresholds): SlaBand[] {
  const bands: SlaBand[] = []
  const band = (id: SlaBand['id'], label: string, lane: string | null, start: number, budgetMs: number, actualEnd: number | null): void => {
    const breached = actualEnd === null ? runEnd - start > budgetMs : actualEnd - start > budgetMs
    bands.push({ id, label, lane, start, budgetMs, actualEnd, breached })
  }
  // The data processing budget runs from the data agent's start to its end (the data helper when there is no data agent).
  const dataLane = lanes.find((lane) => lane.agentName === 'data' && lane.start !== null) ??
    lanes.find((lane) => lane.agentName === 'data_helper' && lane.start !== null)
  if (dataLane && dataLane.start !== null) {
    band('data', `data processing < ${sla.dataProcessingMs / 1000} s`, dataLane.agentName, dataLane.start, sla.dataProcessingMs, dataLane.ending === 'completed' ? dataLane.end : null)
    const reporting = lanes.find((lane) => lane.agentName === 'reporting')
    if (dataLane.end !== null && dataLane.ending === 'completed') {
      const delivered = reporting && reporting.ending === 'completed' ? reporting.end : null
      band('report', `report < ${sla.reportAfterDataMs / 1000} s after data`, 'reporting', dataLane.end, sla.reportAfterDataMs, delivered)
    }
  }
  const supervisor = lanes.find((lane) => lane.agentName === 'Supervisor')
  const answered = supervisor?.ending === 'completed' ? supervisor.end : (lanes.find((lane) => lane.agentName === 'reporting' && lane.ending === 'completed')?.end ?? null)
  band('full', `whole answer < ${sla.fullAnswerMs / 1000} s`, null, runStart, sla.fullAnswerMs, answered)
  return bands
}
