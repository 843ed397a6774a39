import { normaliseEnvelope } from '../../protocol/normalise-envelope'
import { agentRole } from './agent-spellings'
import { AGENT_ENVELOPES, readAgentFrame, type AgentEnvelope, type AgentFrameFields } from './agent-frame'
import type { Chooser } from './chooser'
import type { SessionTransformation } from './session-transformation'
import { rewriteInboundFrames, type FrameRewrite, type JsonFrame } from './wire-frames'

const SUPERVISOR_INNER = new Set(['agent_thinking', 'tool_executing', 'tool_completed'])

/** How the Supervisor takes part in a run: only wrapping it (§4), or with all five events like every agent. */
export type SupervisorStyle = 'two' | 'five'

function envelopeOf(frame: JsonFrame): AgentEnvelope {
  const envelope = normaliseEnvelope(frame).envelope
  return envelope === 'wrapped' || envelope === 'standard' ? envelope : 'flat'
}

/** The Supervisor's thinking and tool pair, in the envelope of its `agent_completed`, sent just before it. */
function innerEvents(completed: AgentFrameFields, frame: JsonFrame): JsonFrame[] {
  const encode = AGENT_ENVELOPES[envelopeOf(frame)]
  const base: AgentFrameFields = { ...completed, toolName: null, results: undefined }
  const tool = `${completed.agentName.toLowerCase()}_orchestrator`
  return [
    encode({ ...base, type: 'agent_thinking', data: { status: 'thinking', reasoning: 'Routing the request to the pipeline' } }),
    encode({ ...base, type: 'tool_executing', toolName: tool, data: { status: 'executing' } }),
    encode({ ...base, type: 'tool_completed', toolName: tool, data: { status: 'completed' } })
  ]
}

/**
 * The Supervisor's part in a run, whatever the server did: `two` — only its own `agent_started`
 * and `agent_completed` (PROTOCOL.md §4); `five` — also `agent_thinking` and a tool pair, sent
 * just before its `agent_completed`, so a Supervisor that never completes gains nothing.
 */
export function supervisorTwoOrFiveRewrite(style: SupervisorStyle): FrameRewrite {
  return (frame) => {
    const agent = readAgentFrame(frame)
    if (agent === null || agentRole(agent.agentName) !== 'supervisor') return [frame]
    if (SUPERVISOR_INNER.has(agent.type)) return []
    if (style === 'five' && agent.type === 'agent_completed') return [...innerEvents(agent, frame), frame]
    return [frame]
  }
}

/** One style per connection, chosen by `choose`. */
export function supervisorTwoOrFiveChosen(choose: Chooser): FrameRewrite {
  return supervisorTwoOrFiveRewrite(choose.pick<SupervisorStyle>(['two', 'five']))
}

/** The five types are owed per run, not per agent: the Supervisor may send two events or five. */
export const supervisorTwoOrFive: SessionTransformation = {
  id: 'supervisor-two-or-five',
  title: 'the Supervisor wraps the run with only agent_started and agent_completed, or sends all five',
  apply: (records, choose) => rewriteInboundFrames(records, supervisorTwoOrFiveChosen(choose))
}
