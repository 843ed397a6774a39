import type { AgentEvent, CriticalEventType } from '../protocol/agent-event'
import { CRITICAL_EVENTS, isCriticalEvent } from '../protocol/agent-event'
import type { AgentRun, RunEvent } from './session-model'

const ERROR_TYPES = new Set(['agent_error', 'agent_death', 'agent_timeout_failure'])

/** The Supervisor in every generation's spelling (`Supervisor`, `supervisor`, `SupervisorAgent`). */
const isSupervisor = (agentName: string): boolean => agentName.toLowerCase().includes('supervisor')

function emptyCritical(): Record<CriticalEventType, boolean> {
  return Object.fromEntries(CRITICAL_EVENTS.map((type) => [type, false])) as Record<CriticalEventType, boolean>
}

/**
 * Position of every run by id, per runs list a batch produced: the next batch starts from it
 * instead of indexing every run of the session again. Runs are only ever appended and keep their
 * positions, so the map carries over from a list to its successor; a list it does not match (a
 * model folded from an older one) is indexed afresh.
 */
const runIndexes = new WeakMap<AgentRun[], Map<string, number>>()

/**
 * Adds one batch's agent events to the runs.
 *
 * Cost per event is constant (plus a scan of the run's few agents): an agent's `events` array is
 * pushed into in place. The runs list, a touched run and a touched agent are copied once per
 * batch (never per event), so selectors that compare them see the change. Events without a run
 * id do not belong to a run and are left to the frame list.
 */
export class RunsUpdate {
  private runs: AgentRun[]
  private index: Map<string, number> | null = null
  private copiedList = false
  // The run and agent objects created during this batch: mutable until the batch ends.
  private readonly fresh = new Set<object>()

  constructor(runs: AgentRun[]) {
    this.runs = runs
  }

  /** Add one event (seq and time of its record). */
  add(event: AgentEvent, seq: number, t: number): void {
    if (!event.runId) return
    const runEvent: RunEvent = { seq, t, type: event.type, agentName: event.agentName, toolName: event.toolName, status: event.status }
    const agentName = event.agentName ?? '(no agent)'
    const run = this.writableRun(event.runId, event.threadId, t)
    let agent = run.agents.find((candidate) => candidate.agentName === agentName)
    if (!agent) {
      agent = { agentName, events: [], critical: emptyCritical() }
      this.fresh.add(agent)
      run.agents.push(agent)
    } else if (!this.fresh.has(agent)) {
      const position = run.agents.indexOf(agent)
      agent = { ...agent, critical: { ...agent.critical } }
      this.fresh.add(agent)
      run.agents[position] = agent
    }
    agent.events.push(runEvent)
    if (isCriticalEvent(runEvent.type)) agent.critical[runEvent.type] = true
    if (ERROR_TYPES.has(event.type)) run.status = 'error'
    else if (event.type === 'agent_completed' && isSupervisor(agentName) && run.status !== 'error') run.status = 'completed'
    run.threadId = run.threadId ?? event.threadId
    run.eventCount += 1
    run.lastT = t
  }

  /** The runs after the batch: the same array when no event belonged to a run. */
  result(): AgentRun[] {
    if (this.index && this.copiedList) runIndexes.set(this.runs, this.index)
    return this.runs
  }

  private writableRun(runId: string, threadId: string | null, t: number): AgentRun {
    if (!this.index) {
      const known = runIndexes.get(this.runs)
      // Taken over, not shared: this batch adds to it, and the list it belonged to stays as it was.
      if (known && known.size === this.runs.length) runIndexes.delete(this.runs)
      this.index = known && known.size === this.runs.length ? known : new Map(this.runs.map((run, i) => [run.runId, i]))
    }
    if (!this.copiedList) {
      this.runs = this.runs.slice()
      this.copiedList = true
    }
    const position = this.index.get(runId)
    if (position === undefined) {
      const run: AgentRun = { runId, threadId, agents: [], eventCount: 0, firstT: t, lastT: t, status: 'running' }
      this.fresh.add(run)
      this.index.set(runId, this.runs.length)
      this.runs.push(run)
      return run
    }
    const existing = this.runs[position]
    if (this.fresh.has(existing)) return existing
    const copy: AgentRun = { ...existing, agents: existing.agents.slice() }
    this.fresh.add(copy)
    this.runs[position] = copy
    return copy
  }
}
