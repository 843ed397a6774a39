/** An agent's role in the pipeline of PROTOCOL.md §4. */
export type AgentRole = 'supervisor' | 'triage' | 'data_helper' | 'data' | 'optimization' | 'actions' | 'reporting'

/**
 * How each generation of the backend spelled each agent's name: the short registry name, the
 * `_agent` suffixed one, and the class name. Index 0 is the spelling the sandbox uses.
 */
export const AGENT_SPELLINGS: Readonly<Record<AgentRole, readonly string[]>> = {
  supervisor: ['Supervisor', 'supervisor', 'SupervisorAgent'],
  triage: ['triage', 'triage_agent', 'TriageSubAgent'],
  data_helper: ['data_helper', 'data_helper_agent', 'DataHelperAgent'],
  data: ['data', 'data_agent', 'DataSubAgent'],
  optimization: ['optimization', 'optimization_agent', 'OptimizationsCoreSubAgent'],
  actions: ['actions', 'actions_agent', 'ActionsToMeetGoalsSubAgent'],
  reporting: ['reporting', 'reporting_agent', 'ReportingSubAgent']
}

const BY_SPELLING = new Map<string, AgentRole>(
  Object.entries(AGENT_SPELLINGS).flatMap(([role, names]) => names.map((name) => [name, role as AgentRole] as const))
)

/** The role of a name spelled in any generation's way; null for a name no generation used. */
export function agentRole(name: string): AgentRole | null {
  return BY_SPELLING.get(name) ?? null
}
