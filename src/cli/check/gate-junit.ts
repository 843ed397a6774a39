import type { GateResult } from './run-gate'

const escapeXml = (text: string): string =>
  text
    .replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] as string)
    // XML 1.0 cannot carry most control characters, even escaped.
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')

const seconds = (ms: number | null): string => ((ms ?? 0) / 1000).toFixed(3)

/**
 * The gate as JUnit XML: one `<testcase>` per check (per user where it applies), classname
 * `golden-path.<check>`, a `<failure>` whose message says what was expected, what arrived and at
 * which frame, or `<skipped>` when an earlier check made it moot.
 */
export function gateJunit(result: GateResult, timestamp = new Date()): string {
  const failures = result.checks.filter((check) => check.status === 'failed').length
  const skipped = result.checks.filter((check) => check.status === 'skipped').length
  const suite = `golden-path · ${result.environment} · ${result.users} user${result.users === 1 ? '' : 's'}`
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="netra-diag check" tests="${result.checks.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds(result.durationMs)}">`,
    `  <testsuite name="${escapeXml(suite)}" tests="${result.checks.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds(result.durationMs)}" timestamp="${timestamp.toISOString()}">`,
    '    <properties>',
    `      <property name="environment" value="${escapeXml(result.environment)}"/>`,
    `      <property name="url" value="${escapeXml(result.url ?? '')}"/>`,
    `      <property name="users" value="${result.users}"/>`,
    '    </properties>'
  ]
  for (const check of result.checks) {
    const open = `    <testcase classname="golden-path.${escapeXml(check.id)}" name="${escapeXml(check.name)}" time="${seconds(check.ms)}"`
    const where = check.sessionId ? `\nsession ${check.sessionId} (frame numbers are this session's seq)` : ''
    if (check.status === 'passed') lines.push(`${open}>`, `      <system-out>${escapeXml(check.message)}</system-out>`, '    </testcase>')
    else if (check.status === 'skipped') lines.push(`${open}>`, `      <skipped message="${escapeXml(check.message)}"/>`, '    </testcase>')
    else lines.push(`${open}>`, `      <failure message="${escapeXml(check.message)}" type="${escapeXml(check.id)}">${escapeXml(check.message + where)}</failure>`, '    </testcase>')
  }
  lines.push('  </testsuite>', '</testsuites>', '')
  return lines.join('\n')
}
