import type { AgentTimeline } from '../../../../shared/session-model'
import { useAppStore } from '../../stores/use-app-store'
import { useReportFocus } from './report-focus'

/** Agents whose output the Report tab renders as text; the others' outputs are shown as their frame. */
const REPORTED_AGENTS = new Set(['data_helper', 'reporting'])

/**
 * "↗" beside an agent in the runs panel: the data helper and the reporting agent open
 * the Report tab at their run; any other agent opens the frame carrying its result.
 */
export function AgentOutputLink({ runId, agent }: { runId: string; agent: AgentTimeline }) {
  const selectFrame = useAppStore((state) => state.selectFrame)
  const setMainTab = useAppStore((state) => state.setMainTab)
  const focus = useReportFocus((state) => state.focus)
  const output =
    agent.events.find((event) => event.type === 'agent_completed') ??
    agent.events.findLast((event) => event.type === 'tool_completed')
  if (!output) return null
  const reported = REPORTED_AGENTS.has(agent.agentName)
  return (
    <button
      type="button"
      className="link-button agent-output-link"
      data-testid="agent-output-link"
      title={reported ? 'Show this output in the Report tab' : `Show the frame with ${agent.agentName}'s result (#${output.seq})`}
      onClick={() => {
        if (reported) {
          focus(runId)
          setMainTab('report')
        } else selectFrame(output.seq)
      }}
    >
      ↗
    </button>
  )
}
