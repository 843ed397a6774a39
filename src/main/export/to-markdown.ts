import { describeCloseCode } from '../../shared/close-codes/close-code-catalog'
import { CRITICAL_EVENTS } from '../../shared/protocol/agent-event'
import { reportsMarkdownSection } from '../../shared/reports'
import { criticalCell } from '../../shared/session-model/critical-cell'
import { formatCount } from '../../shared/format/count'
import { formatDuration, formatOffset } from '../../shared/format/duration'
import { isoTime, wallTime, type ExportInput } from './export-input'

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ')

const MARKS = { seen: '✓', owed: '✗', 'not-owed': '–' } as const

/** A readable report to paste into a ticket: verdict, handshake, runs, close, findings. */
export function toMarkdown(input: ExportInput): string {
  const { model, diagnosis } = input
  const start = model.start
  const out: string[] = [`# Netra Diagnostics report · ${start?.environment.name ?? 'unknown environment'}`, '']
  out.push(`- Session: \`${model.sessionId}\``)
  if (start) out.push(`- Started: ${isoTime(start.wallClock)}`, `- URL: \`${start.url}\``, `- Auth method: ${start.authMethod}`)
  out.push(`- Frames: ${formatCount(model.stats.framesIn)} in, ${formatCount(model.stats.framesOut)} out (${formatCount(model.stats.flagged)} flagged)`, '')
  if (diagnosis) out.push(`## Verdict: ${diagnosis.verdict}`, '', diagnosis.summary, '')

  out.push('## Handshake', '')
  model.attempts.forEach((attempt) => {
    const hs = attempt.handshake
    const label = model.attempts.length > 1 ? `Attempt ${attempt.attempt} of ${attempt.of}: ` : ''
    if (!hs) out.push(`- ${label}no handshake`)
    else if (hs.ok) out.push(`- ${label}HTTP ${hs.status} in ${formatDuration(hs.ms)}, subprotocol \`${hs.subprotocol ?? 'none'}\``)
    else out.push(`- ${label}refused: ${hs.status ? `HTTP ${hs.status}` : 'no response'} — ${hs.error ?? ''}${hs.body ? ` (\`${cell(hs.body.slice(0, 200))}\`)` : ''}`)
  })
  out.push('')

  for (const run of model.runs) {
    out.push(`## Run \`${run.runId}\` · ${run.status} · ${formatDuration(run.lastT - run.firstT)}`, '')
    out.push(`| agent | ${CRITICAL_EVENTS.join(' | ')} |`, `|---|${CRITICAL_EVENTS.map(() => ':-:').join('|')}|`)
    for (const agent of run.agents) out.push(`| ${cell(agent.agentName)} | ${CRITICAL_EVENTS.map((type) => MARKS[criticalCell(agent, type)]).join(' | ')} |`)
    out.push('', '✓ sent · ✗ owed and missing (an unanswered tool_executing or agent_started) · – not sent and not owed (PROTOCOL.md §3)', '')
  }

  // What the agents said (data request, report, business value): rendered by src/shared/reports.
  const said = reportsMarkdownSection(input.reports)
  if (said) out.push(said)

  const close = model.close
  out.push('## Close', '')
  if (close) {
    const meaning = describeCloseCode(close.code)
    out.push(
      `- ${close.code} ${meaning.name}${close.reason ? ` — "${cell(close.reason)}"` : ''}, initiated by ${close.initiator}, ${close.clean ? 'clean' : 'no close frame'}`,
      `- ${meaning.meaning}`,
      `- At ${isoTime(wallTime(model, close.t))} (${formatOffset(close.t)} into the session)`
    )
  } else out.push('- The session had not closed when this report was made.')
  out.push('')

  if (diagnosis?.findings.length) {
    out.push('## Findings', '')
    for (const finding of diagnosis.findings) {
      out.push(`### ${finding.severity.toUpperCase()} · ${finding.component} · ${finding.title} (\`${finding.code}\`)`, '', ...(finding.confidence ? [`Confidence: **${finding.confidence}**.`, ''] : []), finding.explanation, '')
      if (finding.nextSteps.length) out.push(...finding.nextSteps.map((step) => `- ${step}`), '')
    }
  }
  return out.join('\n')
}
