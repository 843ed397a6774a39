import { COMPONENT_LABELS, CONFIDENCE_MEANING, type Finding } from '../../../../shared/diagnosis'
import { Glyph } from '../../components/Glyph'
import { EvidenceList } from './EvidenceList'
import { CONFIDENCE_LOOK, SEVERITY_LOOK } from './overview-labels'

/**
 * One finding: severity, component, title, then why, the evidence and what to do. Problems open,
 * notes (`info`) folded: they are context, and the eye should land on what is broken.
 */
export function FindingCard({ finding }: { finding: Finding }) {
  const look = SEVERITY_LOOK[finding.severity]
  const confidence = CONFIDENCE_LOOK[finding.confidence]
  return (
    <details
      className={`finding finding-${look.tone}`}
      open={finding.severity !== 'info'}
      data-testid="finding"
      data-code={finding.code}
      data-component={finding.component}
      data-severity={finding.severity}
      data-confidence={finding.confidence}
    >
      <summary className="finding-head">
        <span className="finding-line">
          <Glyph glyph={look.glyph} tone={look.tone} size="sm" />
          <span className={`finding-severity tone-${look.tone}`}>{look.text}</span>
          <span className="finding-component">{COMPONENT_LABELS[finding.component]}</span>
          <span
            className={`finding-confidence tone-${confidence.tone}`}
            title={CONFIDENCE_MEANING[finding.confidence]}
            data-testid="finding-confidence"
          >
            {confidence.text}
          </span>
          <code className="finding-code" title="Stable finding code (the CLI's --json reports the same)">
            {finding.code}
          </code>
        </span>
        <span className="finding-title">{finding.title}</span>
      </summary>
      <div className="finding-body">
        <p className="finding-explanation">{finding.explanation}</p>
        {finding.evidence.length > 0 ? (
          <>
            <h4 className="finding-subhead">Evidence</h4>
            <EvidenceList evidence={finding.evidence} />
          </>
        ) : null}
        {finding.nextSteps.length > 0 ? (
          <>
            <h4 className="finding-subhead">Next steps</h4>
            <ol className="next-steps" data-testid="next-steps">
              {finding.nextSteps.map((step) => (
                <li key={step}>{step}</li>
              ))}
            </ol>
          </>
        ) : null}
      </div>
    </details>
  )
}
