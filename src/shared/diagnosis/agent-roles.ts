/** An agent's part in the pipeline of PROTOCOL.md §4. */
export type AgentRole =
  | 'supervisor'
  | 'triage'
  | 'data_helper'
  | 'data'
  | 'optimization'
  | 'actions'
  | 'reporting'
  | 'other'

/**
 * One key per agent whatever the generation spelled it: `triage_agent`, `TriageSubAgent` and
 * "Triage Agent" are all `triage`; `data_helper_agent` and `DataHelper` are `datahelper`;
 * `SupervisorAgent` and `supervisor_agent` are `supervisor`. Case, separators and the
 * `agent` / `sub agent` suffixes carry no meaning on the wire.
 */
export function agentKey(agentName: string): string {
  const compact = agentName.toLowerCase().replace(/[^a-z0-9]/g, '')
  const stripped = compact.replace(/(sub)?agent$/, '')
  return stripped || compact || agentName
}

/** The agent's role, from its name in any generation's spelling. */
export function roleOf(agentName: string): AgentRole {
  const key = agentKey(agentName)
  if (key.includes('supervisor')) return 'supervisor'
  if (key.includes('triage')) return 'triage'
  if (key.includes('helper')) return 'data_helper'
  if (key.startsWith('data')) return 'data'
  if (key.includes('optimi')) return 'optimization'
  if (key.includes('action')) return 'actions'
  if (key.includes('report')) return 'reporting'
  return 'other'
}

/** Is this the Supervisor, in any spelling (`Supervisor`, `supervisor`, `SupervisorAgent`, `supervisor_agent`…)? */
export function isSupervisor(agentName: string | null): boolean {
  return agentName !== null && roleOf(agentName) === 'supervisor'
}
