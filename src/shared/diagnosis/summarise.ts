import { COMPONENT_LABELS, type Component } from './components'
import type { Awaiting, Finding, Verdict } from './diagnosis-types'
import { formatMs } from './rules/rule-finding'
import { attemptSucceeded } from './rules/transient-attempts'
import type { SessionEvidence } from './session-evidence'

function sentence(text: string): string {
  const trimmed = text.trim()
  if (!trimmed) return ''
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`
}

function firstSentence(text: string): string {
  const match = /^(.+?[.!?])(\s|$)/s.exec(text.trim())
  return sentence(match ? match[1] : text)
}

function healthySummary(evidence: SessionEvidence, findings: readonly Finding[]): string {
  const parts: string[] = []
  const target = evidence.model.start
    ? `${evidence.model.start.environment.name} (${evidence.model.start.url})`
    : 'the server'
  const connected = evidence.attempts.find((attempt) => attempt.view.handshake?.ok)?.view.handshake
  parts.push(
    connected
      ? `connected to ${target} in ${formatMs(connected.ms)}`
      : `no problem found in the evidence gathered so far for ${target}`
  )
  const completed = evidence.ownRuns.filter((run) => run.status === 'completed')
  if (completed.length > 0) {
    const owed = !findings.some((finding) => finding.code.startsWith('agent-bridge.'))
    parts.push(
      `${completed.length === 1 ? 'the run' : `${completed.length} runs`} completed${owed ? ' with every critical event owed' : ''}`
    )
  }
  const close = evidence.model.close
  if (close)
    parts.push(
      close.initiator === 'client'
        ? 'the client closed normally'
        : `the server closed with ${close.code}${close.reason ? ` "${close.reason}"` : ''}`
    )
  else if (connected) parts.push('the connection is open')
  const info = findings.find((finding) => finding.severity === 'info')
  return `Healthy: ${parts.join(', ')}. No problems found.${info ? ` Note: ${sentence(info.title)}` : ''}`
}

/** "Waiting for the answer, 12 s" — what the header says while the user's answer is awaited. */
export function waitingLine(awaiting: Awaiting): string {
  return `Waiting for the answer, ${formatMs(Math.round(awaiting.elapsedMs / 1000) * 1000)}`
}

/** What the summary knows besides the findings: the answer still awaited, and rival explanations. */
export type SummaryExtras = { awaiting: Awaiting | null; contenders: readonly Component[] }

/**
 * The one-paragraph summary at the top of the Overview: what went wrong, where, and what
 * to do next — or, for a healthy session, plainly that it is healthy; while the answer is
 * awaited it says so first, and when two components explain the problem equally it names both.
 */
export function summarise(
  verdict: Verdict,
  findings: readonly Finding[],
  evidence: SessionEvidence,
  extras: SummaryExtras = { awaiting: null, contenders: [] }
): string {
  const waiting = extras.awaiting
    ? `${waitingLine(extras.awaiting)} (answer budget ${formatMs(extras.awaiting.budgetMs)}).`
    : ''
  if (verdict === 'healthy') {
    if (!waiting) return healthySummary(evidence, findings)
    return `${waiting} ${healthySummary(evidence, findings).replace(/^Healthy: /, 'So far: ').replace(' No problems found.', ' No problem found so far.')}`
  }
  const top = findings[0]
  const where = COMPONENT_LABELS[top.component]
  const rivals = extras.contenders.filter((component) => component !== top.component)
  const parts = [
    waiting,
    `${verdict === 'failing' ? 'Failing' : 'Degraded'} — ${where}: ${sentence(top.title)}`,
    firstSentence(top.explanation),
    rivals.length > 0
      ? `The evidence fits ${rivals.length === 1 ? 'another explanation' : 'other explanations'} equally well: ${[top.component, ...rivals].map((component) => COMPONENT_LABELS[component]).join(' or ')} (${top.confidence}).`
      : ''
  ]
  const attempts = evidence.attempts
  if (attempts.length > 1) {
    const failed = attempts.filter((attempt) => !attemptSucceeded(attempt)).length
    parts.push(`${failed} of ${attempts.length} attempts failed.`)
  }
  const others = findings.filter(
    (finding) => finding !== top && finding.severity !== 'info' && finding.component !== top.component
  )
  const named = [...new Map(others.map((finding) => [finding.component, finding])).values()].slice(0, 3)
  if (named.length > 0)
    parts.push(
      `Also: ${named.map((finding) => `${COMPONENT_LABELS[finding.component]} — ${finding.title.replace(/[.]$/, '')}`).join('; ')}.`
    )
  if (top.nextSteps[0]) parts.push(`Next: ${sentence(top.nextSteps[0])}`)
  return parts.filter(Boolean).join(' ')
}
