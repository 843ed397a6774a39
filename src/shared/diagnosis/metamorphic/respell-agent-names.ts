import { agentRole, AGENT_SPELLINGS, type AgentRole } from './agent-spellings'
import type { Chooser } from './chooser'
import { editFrame, frameLayers } from './frame-layers'
import type { SessionTransformation } from './session-transformation'
import { rewriteInboundFrames, type FrameRewrite } from './wire-frames'

/**
 * Agent names in another generation's spelling (`triage` / `triage_agent` / `TriageSubAgent`…),
 * one spelling per agent for the whole stream, as one server build would send them. The name is
 * replaced wherever the frame carries it; nothing else changes.
 */
export function respellAgentNamesRewrite(choose: Chooser): FrameRewrite {
  const spelling = new Map<AgentRole, string>()
  const spell = (name: string): string => {
    const role = agentRole(name)
    if (role === null) return name
    if (!spelling.has(role)) spelling.set(role, choose.pick(AGENT_SPELLINGS[role]))
    return spelling.get(role) as string
  }
  return (frame) => {
    const named = frameLayers(frame).some((layer) => typeof layer.agent_name === 'string' && spell(layer.agent_name) !== layer.agent_name)
    if (!named) return [frame]
    return [
      editFrame(frame, (layer) => {
        if (typeof layer.agent_name === 'string') layer.agent_name = spell(layer.agent_name)
      })
    ]
  }
}

/** Every generation spelled the agents differently (registry names, `_agent` names, class names). */
export const respellAgentNames: SessionTransformation = {
  id: 'agent-name-spellings',
  title: 'agent names spelled as another generation did (triage_agent, TriageSubAgent, SupervisorAgent…)',
  apply: (records, choose) => rewriteInboundFrames(records, respellAgentNamesRewrite(choose))
}
