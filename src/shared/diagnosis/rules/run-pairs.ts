import { CRITICAL_EVENTS } from '../../protocol/agent-event'
import { AGENT_FAILURE_TYPES, type DerivedAgent, type DerivedRun, type DerivedRunEvent } from '../derive-runs'
import type { Evidence } from '../diagnosis-types'

/** What the pair and order checks found in one run: what is owed and missing, and what came out of order. */
export type PairProblems = { missing: Evidence[]; disorder: Evidence[] }

const BODY_TYPES = new Set(['agent_thinking', 'tool_executing', 'tool_completed', 'agent_completed'])

function sameTool(a: string | null, b: string | null): boolean {
  return a === null || b === null || a === b
}

function toolLabel(entry: DerivedRunEvent): string {
  return entry.toolName ? `${entry.type} ${entry.toolName}` : entry.type
}

/**
 * Walk one agent's events in arrival order: every `agent_started` must be closed by
 * `agent_completed` or a failure event; every `tool_executing` answered by a `tool_completed`
 * (same tool name where both give one) before the agent completes; nothing but a start
 * outside an open invocation. A failure explains what it cut short. Unclosed starts are only
 * owed once the run is complete: a run cut short by a close is the close's story.
 */
function checkAgent(agent: DerivedAgent, runComplete: boolean, leaked: ReadonlySet<string>, problems: PairProblems): void {
  const name = agent.agentName
  const owed = (type: string): boolean => !leaked.has(`${agent.key}|${type}`)
  let depth = 0
  let pending: DerivedRunEvent[] = []
  const events = agent.events
  events.forEach((entry, index) => {
    const later = events.slice(index + 1)
    if (entry.type === 'agent_started') {
      depth += 1
      return
    }
    if (AGENT_FAILURE_TYPES.has(entry.type)) {
      depth = Math.max(0, depth - 1)
      pending = []
      return
    }
    if (!BODY_TYPES.has(entry.type)) return
    if (depth === 0) {
      if (later.some((next) => next.type === 'agent_started'))
        problems.disorder.push({ label: name, value: `${entry.type} before agent_started`, seq: entry.seq })
      else if (agent.events.some((other) => other.type === 'agent_started'))
        problems.disorder.push({ label: name, value: `${entry.type} after agent_completed`, seq: entry.seq })
      else if (owed('agent_started') && entry.type !== 'tool_completed')
        problems.missing.push({ label: name, value: `${entry.type} without agent_started`, seq: entry.seq })
    }
    if (entry.type === 'tool_executing') pending.push(entry)
    else if (entry.type === 'tool_completed') {
      const match = pending.findIndex((open) => sameTool(open.toolName, entry.toolName))
      if (match >= 0) pending.splice(match, 1)
      else if (later.some((next) => next.type === 'tool_executing' && sameTool(next.toolName, entry.toolName)))
        problems.disorder.push({ label: name, value: `${toolLabel(entry)} before its tool_executing`, seq: entry.seq })
      else if (!agent.events.some((other) => other.type === 'tool_executing' && other.seq < entry.seq && sameTool(other.toolName, entry.toolName)) && owed('tool_executing'))
        problems.missing.push({ label: name, value: `${toolLabel(entry)} without tool_executing`, seq: entry.seq })
    } else if (entry.type === 'agent_completed') {
      for (const open of pending) {
        const answeredLate = later.some((next) => next.type === 'tool_completed' && sameTool(open.toolName, next.toolName))
        if (answeredLate)
          problems.disorder.push({ label: name, value: `tool_completed${open.toolName ? ` ${open.toolName}` : ''} after agent_completed`, seq: entry.seq })
        else if (owed('tool_completed'))
          problems.missing.push({ label: name, value: `${toolLabel(open)} never answered by tool_completed`, seq: open.seq })
      }
      pending = []
      depth = Math.max(0, depth - 1)
    }
  })
  if (runComplete && depth > 0 && owed('agent_completed')) {
    const start = events.filter((entry) => entry.type === 'agent_started').at(-1)
    problems.missing.push({ label: name, value: 'agent_started never closed by agent_completed or an error', seq: start?.seq })
  }
}

/**
 * The pairs a run owes (PROTOCOL.md §3): per run, all five critical types once it completed;
 * per agent, starts closed, tools answered, causal order. `leaked` holds `agentKey|type` of
 * events that went to another user's run: the leak rule owns those, they are not missing.
 */
export function runPairProblems(run: DerivedRun, leaked: ReadonlySet<string>): PairProblems {
  const problems: PairProblems = { missing: [], disorder: [] }
  const complete = run.status === 'completed'
  const agents = run.agents.filter((agent) => agent.key !== '(no agent)')
  for (const agent of agents) checkAgent(agent, complete, leaked, problems)
  if (complete) {
    const seen = new Set(agents.flatMap((agent) => agent.events.map((entry) => entry.type)))
    const leakedTypes = new Set([...leaked].map((entry) => entry.split('|')[1]))
    const absent = CRITICAL_EVENTS.filter((type) => !seen.has(type) && !leakedTypes.has(type))
    if (absent.length > 0)
      problems.missing.unshift({ label: `run ${run.runId}`, value: `no ${absent.join(', ')} from any agent`, seq: run.endSeq ?? undefined })
  }
  return problems
}
