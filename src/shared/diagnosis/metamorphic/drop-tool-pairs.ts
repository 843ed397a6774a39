import type { FrameRecord } from '../../api/frame-record'
import { agentRole } from './agent-spellings'
import { readAgentFrame } from './agent-frame'
import type { SessionTransformation } from './session-transformation'
import { inboundJson, renumber, type FrameRewrite } from './wire-frames'

type ToolAgent = { key: string; toolSeqs: number[] }

/**
 * Agents (per run) whose every `tool_executing` is answered by a `tool_completed` of the same
 * tool, and who then complete: dropping all their tool events leaves an agent that simply
 * called no tool. An agent with an unanswered pair is never chosen — that pair is a fault.
 */
function agentsWithAnsweredTools(records: readonly FrameRecord[]): ToolAgent[] {
  const byAgent = new Map<string, { open: string[]; toolSeqs: number[]; completed: boolean; broken: boolean }>()
  records.forEach((record, index) => {
    const json = inboundJson(record)
    const agent = json && readAgentFrame(json)
    if (!agent || agentRole(agent.agentName) === 'supervisor') return
    const key = `${agent.runId}|${agent.agentName}`
    const state = byAgent.get(key) ?? { open: [], toolSeqs: [], completed: false, broken: false }
    byAgent.set(key, state)
    const tool = agent.toolName ?? ''
    if (agent.type === 'tool_executing') {
      state.open.push(tool)
      state.toolSeqs.push(index)
    } else if (agent.type === 'tool_completed') {
      const at = state.open.indexOf(tool)
      if (at === -1) state.broken = true
      else state.open.splice(at, 1)
      state.toolSeqs.push(index)
    } else if (agent.type === 'agent_completed') state.completed = state.open.length === 0 && !state.broken
  })
  return [...byAgent.entries()]
    .filter(([, state]) => state.completed && state.toolSeqs.length > 0)
    .map(([key, state]) => ({ key, toolSeqs: state.toolSeqs }))
}

/** Drop every tool event of the named agent (any spelling of `role`) — for a live server. */
export function dropToolsOfRewrite(role: string): FrameRewrite {
  return (frame) => {
    const agent = readAgentFrame(frame)
    const tool = agent !== null && (agent.type === 'tool_executing' || agent.type === 'tool_completed')
    return tool && agentRole(agent.agentName) === role ? [] : [frame]
  }
}

/**
 * An agent that calls no tool sends no tool events (PROTOCOL.md §3); it still completes. A run
 * still shows all five types (§3), so in every run at least one agent keeps its tool pair — never
 * the Supervisor's alone, which may itself wrap the run with two events.
 */
export const dropToolPairs: SessionTransformation = {
  id: 'agents-without-tools',
  title: 'some agents call no tool: no tool_executing/tool_completed from them',
  apply: (records, choose) => {
    const byRun = new Map<string, ToolAgent[]>()
    for (const agent of agentsWithAnsweredTools(records)) {
      const run = agent.key.slice(0, agent.key.lastIndexOf('|'))
      byRun.set(run, [...(byRun.get(run) ?? []), agent])
    }
    const chosen: ToolAgent[] = []
    for (const agents of byRun.values()) {
      if (agents.length < 2) continue
      const keep = choose.pick(agents)
      const others = agents.filter((agent) => agent !== keep)
      const picked = others.filter(() => choose.chance(0.5))
      chosen.push(...(picked.length > 0 ? picked : [choose.pick(others)]))
    }
    const drop = new Set(chosen.flatMap((agent) => agent.toolSeqs))
    return drop.size === 0 ? [...records] : renumber(records.filter((_, index) => !drop.has(index)))
  }
}
