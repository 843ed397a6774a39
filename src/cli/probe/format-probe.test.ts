import { describe, expect, it } from 'vitest'
import { terminalStyle } from '../terminal-style'
import { formatProbe } from './format-probe'
import type { ProbeResult } from './probe-result'

const plain = terminalStyle({ isTTY: false }, {})

const critical = (...present: string[]): Record<string, boolean> =>
  Object.fromEntries(['agent_started', 'agent_thinking', 'tool_executing', 'tool_completed', 'agent_completed'].map((type) => [type, present.includes(type)]))

function result(overrides: Partial<ProbeResult> = {}): ProbeResult {
  return {
    environment: 'ad-hoc:127.0.0.1',
    sessionId: 's-1',
    url: 'ws://127.0.0.1:8000/ws',
    outcome: 'completed',
    cutOff: null,
    handshake: { ok: true, status: 101, subprotocol: 'jwt.«redacted»', ms: 3, error: null, body: null },
    events: [],
    runs: [
      {
        run_id: 'run_1',
        status: 'completed',
        agents: [
          { name: 'Supervisor', critical: critical('agent_started', 'agent_completed') },
          { name: 'triage', critical: critical('agent_started', 'agent_thinking', 'agent_completed') },
          { name: 'data_helper', critical: critical('agent_started', 'agent_thinking', 'tool_executing', 'agent_completed') }
        ],
        ms: 20
      }
    ],
    close: null,
    durationMs: 30,
    verdict: 'healthy',
    summary: 'Healthy.',
    findings: [],
    components: {},
    httpBase: { url: 'http://127.0.0.1:8000', source: 'derived' },
    awaiting: null,
    contenders: [],
    ...overrides
  }
}

describe('formatProbe', () => {
  it('says where the health checks went and where that base came from', () => {
    expect(formatProbe(result(), plain)).toMatch(/^health\s+http:\/\/127\.0\.0\.1:8000 · derived from the WebSocket URL/m)
    expect(formatProbe(result({ httpBase: { url: 'http://h', source: 'given' } }), plain)).toMatch(/health\s+http:\/\/h · given with --http-base/)
    expect(formatProbe(result({ httpBase: { url: null, source: 'none' } }), plain)).toMatch(/health\s+not checked \(no HTTP base; give --http-base\)/)
  })

  it('shows what a refusing server said, on one line', () => {
    const refused = result({
      handshake: { ok: false, status: 403, subprotocol: null, ms: 2, error: 'server refused the upgrade: HTTP 403', body: '{"detail":\n "Service not ready: database_postgres"}' },
      runs: []
    })
    expect(formatProbe(refused, plain)).toMatch(/handshake\s+refused HTTP 403 · server refused the upgrade: HTTP 403\n\s+server said: \{"detail": "Service not ready: database_postgres"\}/)
  })

  it('marks only unanswered pairs as missing: a wrapping Supervisor and agents without tools are not faults', () => {
    const lines = formatProbe(result(), plain).split('\n')
    const row = (agent: string): string => lines.find((line) => line.trim().startsWith(agent)) ?? ''
    expect(row('Supervisor')).not.toMatch(/✗/)
    expect(row('triage')).not.toMatch(/✗/)
    expect(row('triage')).toMatch(/· tool started/)
    // data_helper opened a tool call that was never answered.
    expect(row('data_helper')).toMatch(/✓ tool started {2}✗ tool done/)
    expect(row('data_helper').match(/✗/g)).toHaveLength(1)
  })

  it('writes times with the shared formatter: one token per value, the unit switching at a second', () => {
    const text = formatProbe(result({ handshake: { ok: true, status: 101, subprotocol: null, ms: 349.74, error: null, body: null }, durationMs: 1349.7, runs: [{ run_id: 'run_1', status: 'completed', agents: [], ms: 725_000 }] }), plain)
    expect(text).toMatch(/handshake\s+101 · subprotocol none · 349\.7 ms$/m)
    expect(text).toMatch(/run\s+run_1 · completed · 0 agents · 12 min 5 s$/m)
    expect(text).toMatch(/^HEALTHY \(completed, 1\.35 s\)$/m)
  })
})

describe('a cut-off recording', () => {
  it('says where the recording ends, without a close', () => {
    const text = formatProbe(result({ outcome: 'cut-off', close: null, cutOff: { seq: 17, t: 5230, at: '2026-12-01T10:04:05.230Z' } }), plain)
    expect(text).toContain('cut off — the recording ends at 10:04:05 UTC (+5.23 s) without a close')
  })
})
