import { describeCloseCode } from '../../shared/close-codes/close-code-catalog'
import { CRITICAL_EVENTS } from '../../shared/protocol/agent-event'
import { isoTime, type ExportInput } from './export-input'

type TestCase = { name: string; classname: string; time: number; failure?: { message: string; body: string } }

const escapeXml = (text: string): string =>
  text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] as string)
    // XML 1.0 cannot carry most control characters, even escaped.
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')

/**
 * JUnit XML for CI: the handshake, every critical event type of every run (owed per run, not per
 * agent: PROTOCOL.md §3), the close, and each diagnosis finding with its confidence.
 */
export function toJunit(input: ExportInput): string {
  const { model, diagnosis } = input
  const env = model.start?.environment.name ?? 'unknown environment'
  const cases: TestCase[] = []
  const hs = model.handshake
  cases.push({
    name: 'handshake',
    classname: 'connection',
    time: (hs?.ms ?? 0) / 1000,
    failure: hs?.ok ? undefined : { message: hs?.error ?? 'no handshake', body: `status ${hs?.status ?? 'none'}\n${hs?.body ?? ''}` }
  })
  for (const run of model.runs) {
    for (const type of CRITICAL_EVENTS) {
      const senders = run.agents.filter((agent) => agent.critical[type]).map((agent) => agent.agentName)
      cases.push({
        name: `run ${run.runId} contains ${type}`,
        classname: `run.${run.runId}`,
        time: 0,
        failure: senders.length > 0 ? undefined : { message: `no agent of run ${run.runId} sent ${type}`, body: `agents: ${run.agents.map((agent) => agent.agentName).join(', ')}` }
      })
    }
  }
  const close = model.close
  if (close) {
    const meaning = describeCloseCode(close.code)
    cases.push({
      name: 'close',
      classname: 'connection',
      time: 0,
      failure: close.code === 1000 ? undefined : { message: `closed with ${close.code} ${meaning.name}${close.reason ? `: ${close.reason}` : ''}`, body: meaning.meaning }
    })
  }
  for (const finding of diagnosis?.findings ?? []) {
    cases.push({
      name: `${finding.code}${finding.confidence ? ` (${finding.confidence})` : ''}: ${finding.title}`,
      classname: `diagnosis.${finding.component}`,
      time: 0,
      failure: finding.severity === 'error' ? { message: finding.title, body: `${finding.explanation}\n\n${finding.confidence ? `Confidence: ${finding.confidence}.\n\n` : ''}Next steps:\n- ${finding.nextSteps.join('\n- ')}` } : undefined
    })
  }
  const failures = cases.filter((testCase) => testCase.failure).length
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="netra-diagnostics" tests="${cases.length}" failures="${failures}">`,
    `  <testsuite name="${escapeXml(`${env} · ${model.sessionId}`)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0" timestamp="${isoTime(model.start?.wallClock ?? 0)}">`
  ]
  for (const testCase of cases) {
    const open = `    <testcase name="${escapeXml(testCase.name)}" classname="${escapeXml(testCase.classname)}" time="${testCase.time.toFixed(3)}"`
    if (!testCase.failure) lines.push(`${open}/>`)
    else lines.push(`${open}>`, `      <failure message="${escapeXml(testCase.failure.message)}">${escapeXml(testCase.failure.body)}</failure>`, '    </testcase>')
  }
  if (diagnosis) lines.push(`    <system-out>${escapeXml(`verdict: ${diagnosis.verdict}\n${diagnosis.summary}`)}</system-out>`)
  lines.push('  </testsuite>', '</testsuites>', '')
  return lines.join('\n')
}
