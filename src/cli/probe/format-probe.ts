import { formatDuration } from '../../shared/format/duration'
import { CRITICAL_EVENTS } from '../../shared/protocol/agent-event'
import { formatMs } from '../../shared/diagnosis/rules/rule-finding'
import { criticalCell } from '../../shared/session-model/critical-cell'
import type { TerminalStyle } from '../terminal-style'
import type { ProbeResult } from './probe-result'

const SHORT: Record<string, string> = {
  agent_started: 'started',
  agent_thinking: 'thinking',
  // Said in words: "tool…" and "tool ✓" read as a typo and a tick, not as the two tool events.
  tool_executing: 'tool started',
  tool_completed: 'tool done',
  agent_completed: 'completed'
}

/** The compact human report of a probe. */
export function formatProbe(result: ProbeResult, style: TerminalStyle): string {
  const lines: string[] = []
  const label = (text: string): string => style.dim(text.padEnd(11))
  lines.push(`${style.bold('Netra probe')} · ${result.environment} · ${result.url}`)
  lines.push(`${label('health')}${healthLine(result.httpBase)}`)

  const hs = result.handshake
  if (hs.ok) lines.push(`${label('handshake')}${style.green(String(hs.status))} · subprotocol ${hs.subprotocol ?? 'none'} · ${hs.ms === null ? 'time unknown' : formatDuration(hs.ms)}`)
  else lines.push(`${label('handshake')}${style.red(`refused${hs.status ? ` HTTP ${hs.status}` : ''}`)} · ${hs.error ?? 'no detail'}`)
  // The refusal's own words ("Service not ready: database_postgres") say more than its status.
  if (!hs.ok && hs.body) lines.push(`${' '.repeat(11)}${style.dim('server said:')} ${oneLine(hs.body, 160)}`)

  for (const run of result.runs) {
    const colour = run.status === 'completed' ? style.green : run.status === 'error' ? style.red : style.yellow
    lines.push(`${label('run')}${run.run_id} · ${colour(run.status)} · ${run.agents.length} agents · ${formatDuration(run.ms)}`)
    const width = Math.max(...run.agents.map((agent) => agent.name.length), 8)
    for (const agent of run.agents) {
      const cells = CRITICAL_EVENTS.map((type) => {
        if (agent.critical[type]) return style.green(`✓ ${SHORT[type]}`)
        // Only an unanswered pair is missing (PROTOCOL.md §3): a wrapping Supervisor sends no thinking
        // and an agent without a tool sends no tool events, which is not a fault.
        return criticalCell(agent, type) === 'owed' ? style.red(`✗ ${SHORT[type]}`) : style.dim(`· ${SHORT[type]}`)
      })
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
  // A recording that stops without its close: its connection's end is unknown, never "open".
  const cutOff = result.cutOff
  if (cutOff) {
    const clock = cutOff.at === null ? '' : `${cutOff.at.slice(11, 19)} UTC `
    lines.push(`${label('close')}${style.red(`cut off — the recording ends at ${clock}(+${formatMs(cutOff.t)}) without a close`)}`)
  }
  lines.push('')
  const verdictColour = result.verdict === 'healthy' ? style.green : result.verdict === 'degraded' ? style.yellow : style.red
  lines.push(`${style.bold(verdictColour(result.verdict.toUpperCase()))} ${style.dim(`(${result.outcome}, ${formatDuration(result.durationMs)})`)}`)
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

const SOURCE: Record<ProbeResult['httpBase']['source'], string> = {
  environment: "the environment's HTTP base",
  given: 'given with --http-base',
  derived: 'derived from the WebSocket URL (same host and port; --http-base overrides)',
  none: ''
}

function healthLine(base: ProbeResult['httpBase']): string {
  if (base.url === null) return 'not checked (no HTTP base; give --http-base)'
  return `${base.url} · ${SOURCE[base.source]}`
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
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
