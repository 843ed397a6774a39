import { CRITICAL_EVENTS } from '../protocol/agent-event'
import type { AgentRun, AgentTimeline } from '../session-model'

/**
 * The agents of a run that took part in the pipeline: those that sent at least one critical
 * event. Run-scoped housekeeping (`handshake_response`, `backend_log` carrying a `run_id`)
 * lands in a pseudo-agent the reducer names "(no agent)", which owes no critical events.
 */
export function pipelineAgents(run: AgentRun): AgentTimeline[] {
  return run.agents.filter((agent) => CRITICAL_EVENTS.some((type) => agent.critical[type]))
}
