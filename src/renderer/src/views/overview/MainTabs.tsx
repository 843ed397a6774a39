import { formatCount } from '../../lib/format'
import { selectActiveModel } from '../../stores/select-active'
import type { MainTab } from '../../stores/ui-slice'
import { useAppStore } from '../../stores/use-app-store'

const TABS: { id: MainTab; label: string; hint: string }[] = [
  { id: 'overview', label: 'Overview', hint: 'Verdict, findings, component health and evidence' },
  { id: 'frames', label: 'Frames', hint: 'Every recorded frame, and the selected one in detail' },
  { id: 'report', label: 'Report', hint: "The data helper's request and the reporting agent's report, as text" },
  { id: 'timeline', label: 'Timeline', hint: 'Each run: lanes per agent on a time axis, the expected pipeline, SLA budgets' }
]

/** "Overview | Frames | Report | Timeline": what the main area shows. */
export function MainTabs() {
  const tab = useAppStore((state) => state.mainTab)
  const setTab = useAppStore((state) => state.setMainTab)
  const rowCount = useAppStore((state) => selectActiveModel(state)?.rows.length ?? 0)
  return (
    <div className="main-tabs" role="tablist" aria-label="Main view">
      {TABS.map(({ id, label, hint }) => (
        <button
          key={id}
          type="button"
          role="tab"
          id={`main-tab-${id}`}
          aria-controls={`main-panel-${id}`}
          className={`main-tab${tab === id ? ' active' : ''}`}
          aria-selected={tab === id}
          data-testid={`main-tab-${id}`}
          title={hint}
          onClick={() => setTab(id)}
        >
          {label}
          {id === 'frames' && rowCount > 0 ? <span className="main-tab-count mono">{formatCount(rowCount)}</span> : null}
        </button>
      ))}
    </div>
  )
}
