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
      const cells = CRITICAL_EVENTS.map((type) =>
        agent.critical[type] ? style.green(`✓ ${SHORT[type]}`) : style.red(`✗ ${SHORT[type]}`)
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
  const outcomeColour = result.outcome === 'completed' ? style.green : style.red
  lines.push(`${label('result')}${outcomeColour(result.outcome.toUpperCase())} in ${result.durationMs} ms`)
  return lines.join('\n')
}
