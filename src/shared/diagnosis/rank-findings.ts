import { COMPONENTS } from './components'
import type { Evidence, Finding, Severity } from './diagnosis-types'
import { connectingOrder, stageOrder } from './failure-stage'
import type { RankedFinding } from './rules/rule-finding'

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 }
const MAX_EVIDENCE = 16

function evidenceKey(item: Evidence): string {
  return `${item.label}\u0000${item.value}\u0000${item.seq ?? ''}`
}

/** Fold findings with the same code into one (the same fault seen on several attempts or by several rules). */
function mergeByCode(findings: readonly RankedFinding[]): RankedFinding[] {
  const byCode = new Map<string, RankedFinding>()
  for (const finding of findings) {
    const seen = byCode.get(finding.code)
    if (!seen) {
      byCode.set(finding.code, {
        ...finding,
        evidence: [...finding.evidence],
        nextSteps: [...finding.nextSteps]
      })
      continue
    }
    const worse = SEVERITY_ORDER[finding.severity] < SEVERITY_ORDER[seen.severity]
    // The more severe (then more direct) occurrence speaks for the merged finding.
    const lead = worse || (finding.severity === seen.severity && finding.rank < seen.rank) ? finding : seen
    const keys = new Set<string>()
    const evidence = [...lead.evidence, ...(lead === finding ? seen.evidence : finding.evidence)].filter(
      (item) => {
        const key = evidenceKey(item)
        if (keys.has(key)) return false
        keys.add(key)
        return true
      }
    )
    byCode.set(finding.code, {
      ...lead,
      rank: Math.min(seen.rank, finding.rank),
      evidence: evidence.slice(0, MAX_EVIDENCE),
      nextSteps: [...new Set([...lead.nextSteps, ...seen.nextSteps, ...finding.nextSteps])]
    })
  }
  return [...byCode.values()]
}

function firstSeq(finding: Finding): number {
  return Math.min(
    Number.MAX_SAFE_INTEGER,
    ...finding.evidence.map((item) => item.seq ?? Number.MAX_SAFE_INTEGER)
  )
}

/** A next step's identity: the same advice with other capitals, spacing or a final stop is the same step. */
function stepKey(step: string): string {
  return step.trim().replace(/\s+/g, ' ').replace(/[.!]+$/, '').toLowerCase()
}

/** Drop every next step an earlier finding already gave: a step is listed once, under the first finding that needs it. */
function dedupeNextSteps(findings: RankedFinding[]): RankedFinding[] {
  const given = new Set<string>()
  return findings.map((finding) => {
    const nextSteps = finding.nextSteps.filter((step) => {
      const key = stepKey(step)
      if (given.has(key)) return false
      given.add(key)
      return true
    })
    return nextSteps.length === finding.nextSteps.length ? finding : { ...finding, nextSteps }
  })
}

/**
 * Merge and order findings, keeping their ranks: most severe first; then the stage that stops the
 * connection first (credentials → DNS/TCP → TLS → HTTP upgrade, see failure-stage.ts); then the most
 * direct explanation (rank); then protocol before agents; then display order of components, then
 * code — a total, stable order, so the same evidence always gives the same top finding. Next steps
 * are then listed once, under the first finding that gives them.
 */
export function orderFindings(findings: readonly RankedFinding[]): RankedFinding[] {
  const sorted = mergeByCode(findings).sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      connectingOrder(a.code) - connectingOrder(b.code) ||
      a.rank - b.rank ||
      stageOrder(a.code) - stageOrder(b.code) ||
      COMPONENTS.indexOf(a.component) - COMPONENTS.indexOf(b.component) ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) ||
      firstSeq(a) - firstSeq(b)
  )
  return dedupeNextSteps(sorted)
}

/** Merge and order findings (see `orderFindings`), without their ranks. */
export function rankFindings(findings: readonly RankedFinding[]): Finding[] {
  return orderFindings(findings).map(({ rank: _rank, ...finding }) => finding)
}
