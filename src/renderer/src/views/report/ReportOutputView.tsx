import type { BusinessValueField, ReportOutput } from '../../../../shared/reports'
import { FrameLink } from './DataHelperView'

/** The reporting agent's report, or its fallback report labelled as a fallback. */
export function ReportOutputView({ output, onFrame }: { output: ReportOutput; onFrame: (seq: number) => void }) {
  if (output.kind === 'fallback') {
    return (
      <section className="report-block report-fallback" data-testid="fallback-report">
        <h4 className="report-block-title">
          Report <span className="report-tag tag-warn">fallback report</span>
          <FrameLink seq={output.seq} onFrame={onFrame} />
        </h4>
        <p className="muted">The reporting agent could not produce its full report; this is what the platform sent instead.</p>
        {output.report ? <p className="report-content">{output.report}</p> : null}
        <dl className="report-facts">
          {output.status ? (
            <>
              <dt>Status</dt>
              <dd>{output.status}</dd>
            </>
          ) : null}
          {output.summary ? (
            <>
              <dt>Summary</dt>
              <dd>{output.summary}</dd>
            </>
          ) : null}
          {output.metadata.map((entry) => (
            <FactRow key={entry.label} label={entry.label} value={entry.value} />
          ))}
        </dl>
        {output.nextSteps.length > 0 ? (
          <>
            <h5 className="report-sub">Next steps</h5>
            <ol>
              {output.nextSteps.map((step, index) => (
                <li key={index}>{step}</li>
              ))}
            </ol>
          </>
        ) : null}
      </section>
    )
  }
  return (
    <section className="report-block" data-testid="agent-report">
      <h4 className="report-block-title">
        Report <span className="muted">from {output.agentName ?? 'the reporting agent'}</span>
        {output.reportType ? <span className="report-tag">{output.reportType}</span> : null}
        {output.completionStatus ? (
          <span className={`report-tag ${output.completionStatus === 'complete' ? 'tag-ok' : 'tag-warn'}`}>{output.completionStatus}</span>
        ) : null}
        <FrameLink seq={output.seq} onFrame={onFrame} />
      </h4>
      {output.content ? <div className="report-content">{output.content}</div> : null}
      {output.sections.length > 0 ? (
        <>
          <h5 className="report-sub">
            Sections{' '}
            <span className="muted">
              · {output.totalSections ?? output.sections.length}
              {output.hasRecommendations === true ? ' · with recommendations' : ''}
            </span>
          </h5>
          <ol className="report-sections">
            {output.sections.map((section, index) => (
              <li key={index}>
                <strong>{section.title}</strong>
                {section.body ? <span> — {section.body}</span> : null}
              </li>
            ))}
          </ol>
        </>
      ) : null}
      {output.recommendations.length > 0 ? (
        <>
          <h5 className="report-sub">Recommendations</h5>
          <ol className="report-recommendations">
            {output.recommendations.map((rec, index) => (
              <li key={index}>
                <span className="report-item">{rec.title}</span>
                {rec.details.length > 0 ? (
                  <span className="report-why"> — {rec.details.map((detail) => `${detail.label}: ${detail.value}`).join(' · ')}</span>
                ) : null}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  )
}

function FactRow({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  )
}

/** Savings, priority, impact, insights and confidence, when the run reported any. */
export function BusinessValueView({ fields, onFrame }: { fields: BusinessValueField[]; onFrame: (seq: number) => void }) {
  return (
    <section className="report-block" data-testid="business-value">
      <h4 className="report-block-title">Business value</h4>
      <dl className="report-facts">
        {fields.map((field) => (
          <div key={field.field} className="report-fact" data-field={field.field}>
            <dt>
              {field.label}{' '}
              <span className="muted">
                ({field.agentName ?? 'agent'}, <FrameLink seq={field.seq} onFrame={onFrame} />)
              </span>
            </dt>
            <dd>
              {Array.isArray(field.value) ? (
                <ul>
                  {field.value.map((entry, index) => (
                    <li key={index}>{entry}</li>
                  ))}
                </ul>
              ) : (
                field.value
              )}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  )
}
