import { useEffect, useRef } from 'react'
import { COMPONENT_LABELS, type Component, type Diagnosis } from '../../../../shared/diagnosis'
import { Glyph } from '../../components/Glyph'
import { EvidenceList } from './EvidenceList'
import { SEVERITY_LOOK, STATUS_LOOK } from './overview-labels'

/** What one grid cell was judged from: its sources, and the findings about it with their evidence. */
export function ComponentEvidence({
  id,
  component,
  diagnosis,
  onClose
}: {
  id: string
  component: Component
  diagnosis: Diagnosis
  onClose(): void
}) {
  const health = diagnosis.components[component]
  const look = STATUS_LOOK[health.status]
  const findings = diagnosis.findings.filter((finding) => health.findingCodes.includes(finding.code))
  // Finding titles are already listed under "Findings" below; the sources list repeats only the rest.
  const sources = health.sources.filter((source) => !source.startsWith('finding: '))
  const ref = useRef<HTMLDivElement>(null)

  // The panel opens below the grid, possibly under the fold of its column: bring it into view.
  useEffect(() => {
    ref.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' })
  }, [component])

  return (
    <div
      ref={ref}
      id={id}
      className={`component-evidence health-${look.tone}`}
      role="region"
      aria-label={`${COMPONENT_LABELS[component]} evidence`}
      data-testid="component-evidence"
      data-component={component}
    >
      <header className="component-evidence-head">
        <Glyph glyph={look.glyph} tone={look.tone} />
        <h4 className="component-evidence-title">{COMPONENT_LABELS[component]}</h4>
        <span className={`health-status tone-${look.tone}`}>{look.text}</span>
        <button type="button" className="icon-button" aria-label="Close the evidence" onClick={onClose}>
          ×
        </button>
      </header>
      {findings.map((finding) => {
        const severity = SEVERITY_LOOK[finding.severity]
        return (
          <div key={finding.code} className="component-finding" data-testid="component-finding" data-code={finding.code}>
            <div className="component-finding-title">
              <span className={`finding-severity tone-${severity.tone}`}>{severity.text}</span> {finding.title}
            </div>
            {finding.evidence.length > 0 ? <EvidenceList evidence={finding.evidence} /> : null}
          </div>
        )
      })}
      <h5 className="finding-subhead">{findings.length > 0 ? 'Also judged from' : 'Judged from'}</h5>
      {sources.length > 0 ? (
        <ul className="component-sources" data-testid="component-sources">
          {sources.map((source, index) => (
            <li key={`${source}-${index}`} className="mono">
              {source}
            </li>
          ))}
        </ul>
      ) : (
        <p className="section-empty">Nothing beyond the findings above.</p>
      )}
    </div>
  )
}
