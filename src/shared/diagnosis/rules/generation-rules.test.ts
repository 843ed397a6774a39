import { describe, expect, it } from 'vitest'
import type { FrameRecord } from '../../api/frame-record'
import { applyRecords, createSessionModel } from '../../session-model'
import { diagnoseSession } from '../diagnose-session'

let seq = 0
const record = (fields: Record<string, unknown>): FrameRecord => ({ seq, t: seq++ * 5, ...fields }) as FrameRecord
const inbound = (message: object): FrameRecord => {
  const data = JSON.stringify(message)
  return record({ kind: 'message', dir: 'in', opcode: 1, encoding: 'utf8', data, size: data.length })
}

function session(messages: object[]) {
  seq = 0
  return applyRecords(createSessionModel('s'), [
    record({ kind: 'session-start', dir: 'local', wallClock: Date.UTC(2026, 0, 1), environment: { id: 'staging', name: 'Staging', kind: 'staging' }, url: 'wss://x/ws', authMethod: 'subprotocol' }),
    record({ kind: 'handshake', dir: 'local', ok: true, url: 'wss://x/ws', status: 101, statusText: 'Switching Protocols', subprotocolsOffered: [], subprotocol: null, requestHeaders: {}, responseHeaders: {}, body: null, ms: 5, error: null }),
    inbound({ type: 'connection_established', data: { user_id: 'u', connection_id: 'c', mode: 'main' } }),
    ...messages.map(inbound)
  ])
}

const flat = { type: 'agent_started', run_id: 'r1', user_id: 'u', agent_name: 'Supervisor', timestamp: '2026-01-01T00:00:00Z', data: { status: 'started' } }
const wrapped = { type: 'system_message', data: { event: 'agent_started', payload: { run_id: 'r1', agent_name: 'Supervisor', status: 'started' } } }
const handshakeResponse = { type: 'handshake_response', data: { thread_id: 't', run_id: 'r1', request_id: 'q', session_token: 'x', message: 'ok' } }

const generationFinding = (messages: object[], expectedGeneration: string | null) =>
  diagnoseSession(session(messages), { expectedGeneration }).findings.find((finding) => finding.code === 'server.unexpected-generation')

describe('generation rule: the wire contradicts the expected server generation', () => {
  it('flags wrapped events when beta-17 is expected, pointing at the frame', () => {
    const finding = generationFinding([wrapped], 'beta-17')
    expect(finding).toMatchObject({ component: 'server', severity: 'warning', title: expect.stringMatching(/like beta-10, not the expected beta-17/) })
    expect(finding?.evidence.find((item) => item.label === 'observed')?.seq).toBe(3)
  })

  it('flags flat events when beta-10 is expected, and a missing handshake_response when handshake is expected', () => {
    expect(generationFinding([flat], 'beta-10')?.title).toMatch(/like beta-17/)
    expect(generationFinding([flat], 'handshake')?.title).toMatch(/not the expected handshake/)
    expect(generationFinding([handshakeResponse, flat], 'beta-17')?.title).toMatch(/like handshake/)
  })

  it('stays silent when the wire agrees, cannot tell, or nothing is expected', () => {
    expect(generationFinding([flat], 'beta-17')).toBeUndefined()
    expect(generationFinding([flat], 'component-codes')).toBeUndefined()
    expect(generationFinding([wrapped], 'beta-10')).toBeUndefined()
    expect(generationFinding([handshakeResponse, flat], 'handshake')).toBeUndefined()
    expect(generationFinding([wrapped], null)).toBeUndefined()
    expect(generationFinding([wrapped], 'beta-99')).toBeUndefined()
  })

  it('degrades an otherwise clean verdict', () => {
    expect(diagnoseSession(session([wrapped]), { expectedGeneration: 'beta-17' }).verdict).toBe('degraded')
  })
})
