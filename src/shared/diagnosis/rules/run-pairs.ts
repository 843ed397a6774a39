import { CRITICAL_EVENTS } from '../../protocol/agent-event'
import { AGENT_FAILURE_TYPES, type DerivedAgent, type DerivedRun, type DerivedRunEvent } from '../derive-runs'
import type { Evidence } from '../diagnosis-types'

/** What the pair and order checks found in one run: what is owed and missing, and what came out of order. */
export type PairProblems = { missing: Evidence[]; disorder: Evidence[] }

const BODY_TYPES = new Set(['agent_thinking', 'tool_executing', 'tool_completed', 'agent_completed'])

function sameTool(a: string | null, b: string | null): boolean {
  return a === null || b === null || a === b
}

/**
 * Where each type (and each type with each tool name) first and last occurs in an agent's
 * events, so "is there a later / an earlier one?" costs nothing per event, even in a flood.
 */
type Positions = { first: Map<string, number>; last: Map<string, number> }

function positionsOf(events: readonly DerivedRunEvent[]): Positions {
  const first = new Map<string, number>()
  const last = new Map<string, number>()
  events.forEach((entry, index) => {
    for (const key of [entry.type, `${entry.type}|${entry.toolName ?? '\u0000'}`]) {
      if (!first.has(key)) first.set(key, index)
      last.set(key, index)
    }
  })
  return { first, last }
}

/** Is there an event of `type` after (or before) `index` whose tool name is compatible with `tool`? */
function exists(positions: Positions, type: string, tool: string | null, index: number, after: boolean): boolean {
  const keys = tool === null ? [type] : [`${type}|${tool}`, `${type}|\u0000`]
  return keys.some((key) => {
    const at = after ? positions.last.get(key) : positions.first.get(key)
    return at !== undefined && (after ? at > index : at < index)
  })
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
  const positions = positionsOf(events)
  const started = positions.first.has('agent_started')
  events.forEach((entry, index) => {
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
      if (exists(positions, 'agent_started', null, index, true))
        problems.disorder.push({ label: name, value: `${entry.type} before agent_started`, seq: entry.seq })
      else if (started)
        problems.disorder.push({ label: name, value: `${entry.type} after agent_completed`, seq: entry.seq })
      else if (owed('agent_started') && entry.type !== 'tool_completed')
        problems.missing.push({ label: name, value: `${entry.type} without agent_started`, seq: entry.seq })
    }
    if (entry.type === 'tool_executing') pending.push(entry)
    else if (entry.type === 'tool_completed') {
      const match = pending.findIndex((open) => sameTool(open.toolName, entry.toolName))
      if (match >= 0) pending.splice(match, 1)
      else if (exists(positions, 'tool_executing', entry.toolName, index, true))
        problems.disorder.push({ label: name, value: `${toolLabel(entry)} before its tool_executing`, seq: entry.seq })
      else if (!exists(positions, 'tool_executing', entry.toolName, index, false) && owed('tool_executing'))
        problems.missing.push({ label: name, value: `${toolLabel(entry)} without tool_executing`, seq: entry.seq })
    } else if (entry.type === 'agent_completed') {
      for (const open of pending) {
        const answeredLate = exists(positions, 'tool_completed', open.toolName, index, true)
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
