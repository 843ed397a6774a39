import { useMemo, useState } from 'react'
import { DEFAULT_SLA, type SlaThresholds } from '../../../../shared/environments'
import type { AgentRun } from '../../../../shared/session-model'
import { EmptyState } from '../../components/EmptyState'
import { formatCount } from '../../lib/format'
import { selectActiveModel } from '../../stores/select-active'
import { useAppStore } from '../../stores/use-app-store'
import { EXPECTED_PIPELINES } from './expected-pipeline'
import { RunList } from './RunList'
import { TimelineChart } from './TimelineChart'
import { layoutRun } from './timeline-layout'
import { useTriageDecision } from './triage-decision'
import './timeline.css'

const NO_RUNS: AgentRun[] = []

/** The session's environment's SLA thresholds (edited in the environment editor), over the protocol's defaults. */
function useSla(): SlaThresholds {
  const environmentId = useAppStore((state) => selectActiveModel(state)?.start?.environment.id ?? null)
  const overrides = useAppStore((state) => state.environments.find((environment) => environment.id === environmentId)?.sla)
  return useMemo(() => ({ ...DEFAULT_SLA, ...overrides }), [overrides])
}

/** The Timeline tab: the session's runs (virtualised) and the selected run's lanes on a time axis. */
export function TimelinePane() {
  const runs = useAppStore((state) => selectActiveModel(state)?.runs ?? NO_RUNS)
  const selectFrame = useAppStore((state) => state.selectFrame)
  const sla = useSla()
  const [picked, setPicked] = useState<string | null>(null)
  const run = runs.find((candidate) => candidate.runId === picked) ?? runs.at(-1) ?? null
  // Only a running run grows to the session's last record; a finished one keeps its layout across batches.
  const liveEnd = useAppStore((state) => (run?.status === 'running' ? (selectActiveModel(state)?.rows.at(-1)?.t ?? 0) : 0))
  const decision = useTriageDecision(run)
  // The run's geometry, once per batch that touches it (the reducer copies only touched runs); zoom and pan reuse it.
  const layout = useMemo(() => (run ? layoutRun(run, decision, sla, liveEnd) : null), [run, decision, sla, liveEnd])

  if (runs.length === 0 || !run || !layout) {
    return (
      <section className="panel timeline-pane" aria-label="Timeline">
        <EmptyState title="No runs yet">Send a message: each run's agents appear here as lanes on a time axis.</EmptyState>
      </section>
    )
  }
  const missing = layout.lanes.filter((lane) => lane.state === 'never-started').map((lane) => lane.agentName)
  const breaches = layout.sla.filter((band) => band.breached)
  const unfinished = layout.sla.filter((band) => !band.breached && band.actualEnd === null)
  return (
    <section className="panel timeline-pane" aria-label="Timeline" data-testid="timeline-pane">
      <header className="panel-header">
        <h2 className="panel-title">Timeline</h2>
        <span className="muted">{formatCount(runs.length)} runs</span>
      </header>
      <div className="timeline-body">
        <RunList runs={runs} selectedRunId={run.runId} onSelect={setPicked} />
        <div className="timeline-main">
          <div className="timeline-summary" data-testid="timeline-summary">
            <span>
              Triage: <strong>{layout.decision}</strong>
              {layout.decisionSeen ? '' : ' (inferred)'} · expected{' '}
              <span className="mono">{EXPECTED_PIPELINES[layout.decision].join(' → ')}</span>
            </span>
            {missing.length > 0 ? <span className="summary-bad">never started: {missing.join(', ')}</span> : null}
            {layout.inversions.length > 0 ? (
              <span className="summary-bad">
                out of order: {layout.inversions.map((inversion) => `${inversion.after} before ${inversion.before}`).join(', ')}
              </span>
            ) : null}
            {unfinished.length > 0 ? (
              <span className="summary-warn">never finished: {unfinished.map((band) => band.label).join(', ')}</span>
            ) : null}
            {breaches.length > 0 ? (
              <span className="summary-bad">SLA breached: {breaches.map((band) => band.label).join(', ')}</span>
            ) : unfinished.length === 0 ? (
              <span className="summary-ok">SLAs met</span>
            ) : null}
          </div>
          <TimelineChart key={layout.runId} layout={layout} onFrame={selectFrame} />
          <div className="timeline-legend muted">
            <span><i className="lg m-start" /> started</span>
            <span><i className="lg m-think" /> thinking</span>
            <span><i className="lg m-tool" /> tool</span>
            <span><i className="lg m-done" /> completed</span>
            <span><i className="lg m-bad" /> error / death</span>
            <span><i className="lg lg-span" /> tool span</span>
            <span><i className="lg lg-sla" /> SLA budget</span>
            <span>wheel or +/− zoom · drag or ←/→ pan · 0 reset · click a marker for its frame</span>
          </div>
        </div>
      </div>
    </section>
  )
}
