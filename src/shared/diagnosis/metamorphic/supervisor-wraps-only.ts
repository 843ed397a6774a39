import { agentRole } from './agent-spellings'
import { readAgentFrame } from './agent-frame'
import type { SessionTransformation } from './session-transformation'
import { rewriteInboundFrames, type FrameRewrite } from './wire-frames'

const SUPERVISOR_INNER = new Set(['agent_thinking', 'tool_executing', 'tool_completed'])

/**
 * The Supervisor wraps the run with only its own `agent_started` and `agent_completed`
 * (PROTOCOL.md §4): its thinking and tool events are dropped, every other agent's stay.
 */
export const supervisorWrapsOnlyRewrite: FrameRewrite = (frame) => {
  const agent = readAgentFrame(frame)
  return agent !== null && agentRole(agent.agentName) === 'supervisor' && SUPERVISOR_INNER.has(agent.type) ? [] : [frame]
}

/** The Supervisor sends two events, not five: the five types are owed per run, not per agent. */
export const supervisorWrapsOnly: SessionTransformation = {
  id: 'supervisor-two-events',
  title: 'the Supervisor wraps the run with only agent_started and agent_completed',
  apply: (records) => rewriteInboundFrames(records, supervisorWrapsOnlyRewrite)
}
