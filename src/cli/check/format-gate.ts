import type { TerminalStyle } from '../terminal-style'
import type { GateResult } from './run-gate'

/** The human report of the gate: one line per check, failures spelled out, a matrix when users leaked. */
export function formatGate(result: GateResult, style: TerminalStyle): string {
  const lines = [`${style.bold('Netra QA gate')} · golden-path · ${result.environment} · ${result.users} user${result.users === 1 ? '' : 's'}${result.url ? ` · ${result.url}` : ''}`]
  for (const check of result.checks) {
    const mark = check.status === 'passed' ? style.green('✓') : check.status === 'failed' ? style.red('✗') : style.yellow('–')
    lines.push(`${mark} ${check.name.padEnd(44)} ${check.status === 'passed' ? style.dim(check.message) : check.message}`)
  }
  const leaked = result.isolation && result.isolation.matrix.some((row, index) => row.some((count) => count > 0) || result.isolation?.unowned[index])
  if (result.isolation && leaked) {
    lines.push('', style.bold('leak matrix (row received events owned by column; "?" = owned by no user here)'))
    const users = result.isolation.users
    lines.push(`${''.padEnd(20)}${users.map((_, index) => String(index + 1).padStart(4)).join('')}   ?`)
    result.isolation.matrix.forEach((row, index) => {
      lines.push(`${`${index + 1} ${users[index]}`.padEnd(20)}${row.map((count) => (count ? style.red(String(count).padStart(4)) : style.dim('   ·'))).join('')}${String(result.isolation?.unowned[index] ?? 0).padStart(4)}`)
    })
  }
  const failed = result.checks.filter((check) => check.status !== 'passed').length
  lines.push('', failed ? style.red(`${failed} of ${result.checks.length} checks did not pass`) : style.green(`all ${result.checks.length} checks passed`))
  return lines.join('\n')
}
