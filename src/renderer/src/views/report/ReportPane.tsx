import { useEffect, useMemo, useRef } from 'react'
import { extractRunReports, hasReportContent, runReportMarkdown, type RunReport } from '../../../../shared/reports'
import { CopyButton } from '../../components/CopyButton'
import { EmptyState } from '../../components/EmptyState'
import { useAppStore } from '../../stores/use-app-store'
import { DataHelperView } from './DataHelperView'
import { BusinessValueView, ReportOutputView } from './ReportOutputView'
import { useReportFocus } from './report-focus'
import { useOutputRecords } from './use-output-records'
import './report.css'


function RunReportCard({ report, focused, onFrame }: { report: RunReport; focused: boolean; onFrame: (seq: number) => void }) {
  const notify = useAppStore((state) => state.notify)
  const ref = useRef<HTMLElement>(null)
  useEffect(() => {
    if (focused) ref.current?.scrollIntoView({ block: 'start' })
  }, [focused])
  return (
    <article ref={ref} className={`report-run${focused ? ' focused' : ''}`} data-testid="run-report" data-run-id={report.runId}>
      <header className="report-run-header">
        <h3>
          Run <span className="mono">{report.runId}</span>
        </h3>
        <CopyButton
          text={runReportMarkdown(report)}
          label="Copy as Markdown"
          onError={(message) => notify('error', 'Could not copy', message)}
        />
      </header>
      {report.dataHelper ? <DataHelperView output={report.dataHelper} onFrame={onFrame} /> : null}
      {report.report ? <ReportOutputView output={report.report} onFrame={onFrame} /> : null}
      {report.businessValue.length > 0 ? <BusinessValueView fields={report.businessValue} onFrame={onFrame} /> : null}
      {!hasReportContent(report) ? (
        <p className="muted">This run has no data request, report or business-value fields (yet).</p>
      ) : null}
    </article>
  )
}

/** The Report tab: per run, what the data helper asked for and what the reporting agent said, as text. */
export function ReportPane() {
  const records = useOutputRecords()
  const selectFrame = useAppStore((state) => state.selectFrame)
  const focusedRun = useReportFocus((state) => state.runId)
  // Extraction parses only completion-type frames; it reruns when records arrive, not on every render.
  const reports = useMemo(() => extractRunReports(records), [records])
  const said = reports.filter(hasReportContent)

  return (
    <section className="panel report-pane" aria-label="Report" data-testid="report-pane">
      <header className="panel-header">
        <h2 className="panel-title">What the agents said</h2>
        <span className="muted">
          {said.length} of {reports.length} run{reports.length === 1 ? '' : 's'} with a data request or report
        </span>
      </header>
      <div className="panel-body report-body">
        {reports.length === 0 ? (
          <EmptyState title="No agent output yet">Send a message; the data helper's request and the report appear here.</EmptyState>
        ) : (
          reports.map((report) => (
            <RunReportCard key={report.runId} report={report} focused={report.runId === focusedRun} onFrame={selectFrame} />
          ))
        )}
      </div>
    </section>
  )
}
