import type { Finding, Severity } from '../../../../shared/diagnosis'
import { FindingCard } from './FindingCard'
import { SEVERITY_LOOK } from './overview-labels'

const ORDER: readonly Severity[] = ['error', 'warning', 'info']

function countsText(findings: readonly Finding[]): string {
  return ORDER.map((severity) => {
    const count = findings.filter((finding) => finding.severity === severity).length
    if (count === 0) return null
    const word = SEVERITY_LOOK[severity].text
    return `${count} ${count === 1 ? word : `${word}s`}`
  })
    .filter(Boolean)
    .join(' · ')
}

// Codes are stable per finding; a rule firing twice (e.g. once per attempt) gets a suffix.
function keysOf(findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>()
  return findings.map((finding) => {
    const n = seen.get(finding.code) ?? 0
    seen.set(finding.code, n + 1)
    return n === 0 ? finding.code : `${finding.code}#${n}`
  })
}

/** The findings, most severe first (the diagnosis already ranks them). */
export function FindingsList({ findings }: { findings: readonly Finding[] }) {
  return (
    <section className="overview-section findings" aria-label="Findings" data-testid="findings">
      <h3 className="section-title">
        Findings <span className="section-count">{findings.length === 0 ? 'none' : countsText(findings)}</span>
      </h3>
      {findings.length === 0 ? (
        <p className="section-empty">Nothing to report: every check so far came back clean.</p>
      ) : (
        keysOf(findings).map((key, index) => <FindingCard key={key} finding={findings[index]} />)
      )}
    </section>
  )
}
