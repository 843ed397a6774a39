import { CRITICAL_EVENTS } from '../../shared/protocol/agent-event'
import type { TerminalStyle } from '../terminal-style'
import type { ProbeResult } from './probe-result'

const SHORT: Record<string, string> = {
  agent_started: 'started',
  agent_thinking: 'thinking',
  tool_executing: 'tool…',
  tool_completed: 'tool ✓',
  agent_completed: 'completed'
}

/** The compact human report of a probe. */
export function formatProbe(result: ProbeResult, style: TerminalStyle): string {
  const lines: string[] = []
  const label = (text: string): string => style.dim(text.padEnd(11))
  lines.push(`${style.bold('Netra probe')} · ${result.environment} · ${result.url}`)

  const hs = result.handshake
  if (hs.ok) lines.push(`${label('handshake')}${style.green(String(hs.status))} · subprotocol ${hs.subprotocol ?? 'none'} · ${hs.ms} ms`)
  else lines.push(`${label('handshake')}${style.red(`refused${hs.status ? ` HTTP ${hs.status}` : ''}`)} · ${hs.error ?? 'no detail'}`)

  for (const run of result.runs) {
    const colour = run.status === 'completed' ? style.green : run.status === 'error' ? style.red : style.yellow
    lines.push(`${label('run')}${run.run_id} · ${colour(run.status)} · ${run.agents.length} agents · ${run.ms} ms`)
    const width = Math.max(...run.agents.map((agent) => agent.name.length), 8)
    for (const agent of run.agents) {
      // Events are owed per run and per pair, not per agent (PROTOCOL.md §3): an agent without a
      // type is no fault by itself, so its absence is shown plainly; the findings say what is owed.
      const cells = CRITICAL_EVENTS.map((type) =>
        agent.critical[type] ? style.green(`✓ ${SHORT[type]}`) : style.dim(`· ${SHORT[type]}`)
      )
      lines.push(`${' '.repeat(13)}${agent.name.padEnd(width)}  ${cells.join('  ')}`)
    }
  }
  if (hs.ok && result.runs.length === 0) lines.push(`${label('run')}${style.yellow('no agent run was seen')}`)
  lines.push(`${label('events')}${result.events.length} received`)

  const close = result.close
  if (close) {
    const reason = close.reason ? ` "${close.reason}"` : ''
    const colour = close.code === 1000 ? style.green : style.red
    lines.push(`${label('close')}${colour(`${close.code} ${close.name}`)}${reason} · by ${close.initiator}${close.clean ? '' : ' · no close frame'}`)
    lines.push(`${' '.repeat(11)}${style.dim(close.meaning)}`)
  }
  lines.push('')
  const verdictColour = result.verdict === 'healthy' ? style.green : result.verdict === 'degraded' ? style.yellow : style.red
  lines.push(`${style.bold(verdictColour(result.verdict.toUpperCase()))} ${style.dim(`(${result.outcome}, ${result.durationMs} ms)`)}`)
  lines.push(wrap(result.summary, 100))
  for (const finding of result.findings) {
    const colour = finding.severity === 'error' ? style.red : finding.severity === 'warning' ? style.yellow : style.cyan
    lines.push('', `${colour(`${finding.severity.toUpperCase().padEnd(8)}`)}${style.bold(finding.component)} · ${finding.title} ${style.dim(`(${finding.code}, ${finding.confidence})`)}`)
    for (const step of finding.nextSteps.slice(0, 3)) lines.push(`${' '.repeat(8)}→ ${step}`)
  }
  const troubled = Object.entries(result.components).filter(([, status]) => status === 'failing' || status === 'degraded')
  if (troubled.length) {
    lines.push('', `${label('components')}${troubled.map(([name, status]) => (status === 'failing' ? style.red : style.yellow)(`${name}: ${status}`)).join('  ')}`)
  }
  return lines.join('\n')
}

function wrap(text: string, width: number): string {
  const words = text.split(/\s+/)
  const out: string[] = []
  let line = ''
  for (const word of words) {
    if (line && line.length + word.length + 1 > width) {
      out.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  if (line) out.push(line)
  return out.join('\n')
}
