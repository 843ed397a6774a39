import type { SandboxEventStyle } from './types'

/** The ways the sandbox can spread agent events over a run, default first. */
export const SANDBOX_EVENT_STYLES: ReadonlyArray<{
  id: SandboxEventStyle
  title: string
  description: string
}> = [
  {
    id: 'wrapped',
    title: 'Supervisor wraps the run (PROTOCOL.md §4)',
    description:
      'The default, as the platform does it: the Supervisor sends only agent_started and agent_completed ' +
      '(result {"orchestration_successful":true,…}) around the run; each sub-agent sends agent_started, ' +
      'agent_thinking and agent_completed, plus tool_executing / tool_completed only when it calls a tool ' +
      '(data_helper, data, optimization, actions do; triage and reporting do not).'
  },
  {
    id: 'five-from-every-agent',
    title: 'Five events from every agent',
    description:
      'Every agent, the Supervisor included, sends all five critical events, each with a tool call ' +
      '(the Supervisor dispatches through agent_orchestrator). Valid on the wire, but richer than the platform.'
  }
]

/** Is `value` a known event style? */
export function isSandboxEventStyle(value: unknown): value is SandboxEventStyle {
  return SANDBOX_EVENT_STYLES.some((style) => style.id === value)
}
