import type { AgentEvent, CriticalEventType } from '../protocol/agent-event'
import { CRITICAL_EVENTS, isCriticalEvent } from '../protocol/agent-event'
import type { AgentRun, AgentTimeline, RunEvent, RunStatus } from '../session-model'
import { agentKey, roleOf, type AgentRole } from './agent-roles'

/** A run event with the normalised event it came from (the rules read its data). */
export type DerivedRunEvent = RunEvent & { event: AgentEvent }

/** One agent of a derived run: every spelling of its name folded into one key. */
export type DerivedAgent = Omit<AgentTimeline, 'events'> & { key: string; role: AgentRole; events: DerivedRunEvent[] }

/**
 * A run as the diagnosis sees it: grouped by `run_id`, else by `thread_id`, else by the
 * attempt it arrived on, with a completion rule that holds for any server (PROTOCOL.md §3–4).
 */
export type DerivedRun = Omit<AgentRun, 'agents'> & {
  agents: DerivedAgent[]
  /** What grouped the events: a run id, only a thread id, or nothing (the attempt). */
  groupedBy: 'run_id' | 'thread_id' | 'attempt'
  attemptIndex: number
  hasSupervisor: boolean
  /** Seq and t of the event that finished the run (completed or failed); null while running. */
  endSeq: number | null
  endT: number | null
  /** Seq of the run's first event. */
  firstSeq: number
}

/** What deriving runs needs from the evidence: each own event with its attempt. */
export type RunInput = { seq: number; t: number; event: AgentEvent; attemptIndex: number }

/** Types that end an agent's part without a completion. */
export const AGENT_FAILURE_TYPES: ReadonlySet<string> = new Set([
  'agent_error',
  'agent_death',
  'agent_timeout_failure'
])

// Run-scoped output that carries no agent identity of its own but belongs to a run.
const RUN_OUTPUT_TYPES = new Set(['progress_update', 'final_report', 'agent_response', 'agent_timeout_warning'])

function belongsToRuns(event: AgentEvent): boolean {
  if (isCriticalEvent(event.type) || AGENT_FAILURE_TYPES.has(event.type)) return true
  if (RUN_OUTPUT_TYPES.has(event.type)) return event.runId !== null || event.threadId !== null
  return false
}

function emptyCritical(): Record<CriticalEventType, boolean> {
  return Object.fromEntries(CRITICAL_EVENTS.map((type) => [type, false])) as Record<CriticalEventType, boolean>
}

type Draft = {
  key: string
  runId: string
  threadId: string | null
  groupedBy: DerivedRun['groupedBy']
  attemptIndex: number
  agents: DerivedAgent[]
  firstSeq: number
  firstT: number
  lastT: number
  eventCount: number
  /** Open invocations per agent key, kept as events arrive (so finding the open agent stays cheap). */
  depth: Map<string, number>
}

/**
 * Is an invocation of the agent still open: more `agent_started` than closing events? Counted,
 * not toggled, so two interleaved invocations under one name (two runs on one thread) balance.
 */
export function isOpen(agent: Pick<DerivedAgent, 'events'>): boolean {
  let depth = 0
  for (const entry of agent.events) {
    if (entry.type === 'agent_started') depth += 1
    else if (entry.type === 'agent_completed' || AGENT_FAILURE_TYPES.has(entry.type)) depth = Math.max(0, depth - 1)
  }
  return depth > 0
}

/** The agent an anonymous critical event belongs to: the open non-Supervisor agent started last. */
function openAgent(draft: Draft): DerivedAgent | null {
  const open = draft.agents.filter((agent) => (draft.depth.get(agent.key) ?? 0) > 0)
  return open.filter((agent) => agent.role !== 'supervisor').at(-1) ?? open.at(-1) ?? null
}

function addEvent(draft: Draft, input: RunInput): void {
  const { event } = input
  let agent: DerivedAgent | null = null
  if (event.agentName) {
    const key = agentKey(event.agentName)
    agent = draft.agents.find((candidate) => candidate.key === key) ?? null
    if (!agent) {
      agent = { agentName: event.agentName, key, role: roleOf(event.agentName), events: [], critical: emptyCritical() }
      draft.agents.push(agent)
    }
  } else if (isCriticalEvent(event.type) || AGENT_FAILURE_TYPES.has(event.type)) {
    agent = openAgent(draft)
  }
  if (!agent) {
    agent = draft.agents.find((candidate) => candidate.key === '(no agent)') ?? null
    if (!agent) {
      agent = { agentName: '(no agent)', key: '(no agent)', role: 'other', events: [], critical: emptyCritical() }
      draft.agents.push(agent)
    }
  }
  agent.events.push({
    seq: input.seq,
    t: input.t,
    type: event.type,
    agentName: event.agentName ?? agent.agentName,
    toolName: event.toolName,
    status: event.status,
    event
  })
  if (isCriticalEvent(event.type)) agent.critical[event.type] = true
  const depth = draft.depth.get(agent.key) ?? 0
  if (event.type === 'agent_started') draft.depth.set(agent.key, depth + 1)
  else if (event.type === 'agent_completed' || AGENT_FAILURE_TYPES.has(event.type)) draft.depth.set(agent.key, Math.max(0, depth - 1))
  draft.threadId ??= event.threadId
  draft.lastT = input.t
  draft.eventCount += 1
}

/** Where a run stands and which event ended it. */
function settle(draft: Draft, movedOn: (afterSeq: number) => boolean): Pick<DerivedRun, 'status' | 'endSeq' | 'endT' | 'hasSupervisor'> {
  const agents = draft.agents.filter((agent) => agent.key !== '(no agent)')
  const supervisor = agents.find((agent) => agent.role === 'supervisor')
  const closing = (agent: DerivedAgent): DerivedRunEvent | undefined =>
    agent.events.filter((entry) => entry.type === 'agent_completed' || AGENT_FAILURE_TYPES.has(entry.type)).at(-1)
  if (supervisor) {
    const last = closing(supervisor)
    if (last && !isOpen(supervisor))
      return {
        status: last.type === 'agent_completed' ? 'completed' : 'error',
        endSeq: last.seq,
        endT: last.t,
        hasSupervisor: true
      }
    const failure = agents.flatMap((agent) => agent.events).find((entry) => AGENT_FAILURE_TYPES.has(entry.type))
    // A failed agent under a Supervisor that never completes: the run ended in that failure.
    if (failure && agents.every((agent) => agent.role === 'supervisor' || !isOpen(agent)))
      return { status: 'error', endSeq: failure.seq, endT: failure.t, hasSupervisor: true }
    return { status: 'running', endSeq: null, endT: null, hasSupervisor: true }
  }
  // No Supervisor: the run is over once every started agent is closed and the reporting agent
  // (last in every pipeline of PROTOCOL.md §4) completed, or the session moved on.
  const started = agents.filter((agent) => agent.events.some((entry) => entry.type === 'agent_started'))
  if (started.length === 0 || started.some(isOpen)) return { status: 'running', endSeq: null, endT: null, hasSupervisor: false }
  const ends = started.map(closing).filter((entry): entry is DerivedRunEvent => entry !== undefined)
  const lastEnd = ends.reduce((a, b) => (b.seq > a.seq ? b : a))
  const reported = started.some((agent) => agent.role === 'reporting' && closing(agent)?.type === 'agent_completed')
  if (!reported && !movedOn(lastEnd.seq)) return { status: 'running', endSeq: null, endT: null, hasSupervisor: false }
  const failed = ends.some((entry) => AGENT_FAILURE_TYPES.has(entry.type))
  return { status: failed && !reported ? 'error' : 'completed', endSeq: lastEnd.seq, endT: lastEnd.t, hasSupervisor: false }
}

/**
 * Group a session's own agent events into runs. Events carry `run_id` on most servers, only
 * `thread_id` on some, and sometimes neither: such events join the run their thread (or, with
 * nothing to go by, the run in progress on that connection) belongs to, so an absent run id
 * never makes events look missing. `closedAttempts` holds the attempts whose connection ended.
 */
export function deriveRuns(inputs: readonly RunInput[], closedAttempts: ReadonlySet<number>): DerivedRun[] {
  const drafts = new Map<string, Draft>()
  const byThread = new Map<string, string>()
  const latestInAttempt = new Map<number, string>()
  for (const input of inputs) {
    const { event } = input
    if (!belongsToRuns(event)) continue
    let key: string
    let groupedBy: DerivedRun['groupedBy']
    if (event.runId) {
      key = `run:${event.runId}`
      groupedBy = 'run_id'
      if (event.threadId) byThread.set(event.threadId, key)
    } else if (event.threadId) {
      key = byThread.get(event.threadId) ?? `thread:${event.threadId}`
      groupedBy = 'thread_id'
      byThread.set(event.threadId, key)
    } else {
      key = latestInAttempt.get(input.attemptIndex) ?? `attempt:${input.attemptIndex + 1}`
      groupedBy = 'attempt'
    }
    let draft = drafts.get(key)
    if (!draft) {
      draft = {
        key,
        runId: event.runId ?? (event.threadId ? `thread ${event.threadId}` : `attempt ${input.attemptIndex + 1}`),
        threadId: event.threadId,
        groupedBy,
        attemptIndex: input.attemptIndex,
        agents: [],
        firstSeq: input.seq,
        firstT: input.t,
        lastT: input.t,
        eventCount: 0,
        depth: new Map()
      }
      drafts.set(key, draft)
    }
    latestInAttempt.set(input.attemptIndex, key)
    addEvent(draft, input)
  }
  const all = [...drafts.values()]
  return all.map((draft) => {
    const movedOn = (afterSeq: number): boolean =>
      closedAttempts.has(draft.attemptIndex) || all.some((other) => other !== draft && other.firstSeq > afterSeq)
    const settled = settle(draft, movedOn)
    const run: DerivedRun = {
      runId: draft.runId,
      threadId: draft.threadId,
      agents: draft.agents,
      eventCount: draft.eventCount,
      firstT: draft.firstT,
      lastT: draft.lastT,
      status: settled.status satisfies RunStatus,
      groupedBy: draft.groupedBy,
      attemptIndex: draft.attemptIndex,
      hasSupervisor: settled.hasSupervisor,
      endSeq: settled.endSeq,
      endT: settled.endT,
      firstSeq: draft.firstSeq
    }
    return run
  })
}
