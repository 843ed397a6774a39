import { CRITICAL_EVENTS } from '../protocol/agent-event'
import { COMPONENT_LABELS } from './components'
import type { Finding, Verdict } from './diagnosis-types'
import { pipelineAgents } from './pipeline-agents'
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
    const complete = completed.every((run) =>
      pipelineAgents(run).every((agent) => CRITICAL_EVENTS.every((type) => agent.critical[type]))
    )
    parts.push(
      `${completed.length === 1 ? 'the run' : `${completed.length} runs`} completed${complete ? ' with all five critical events from every agent' : ''}`
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

/**
 * The one-paragraph summary at the top of the Overview: what went wrong, where, and what
 * to do next — or, for a healthy session, plainly that it is healthy.
 */
export function summarise(verdict: Verdict, findings: readonly Finding[], evidence: SessionEvidence): string {
  if (verdict === 'healthy') return healthySummary(evidence, findings)
  const top = findings[0]
  const where = COMPONENT_LABELS[top.component]
  const parts = [
    `${verdict === 'failing' ? 'Failing' : 'Degraded'} — ${where}: ${sentence(top.title)}`,
    firstSentence(top.explanation)
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
