import { describe, expect, it } from 'vitest'
import type { FrameRecord } from '../api/frame-record'
import { CRITICAL_EVENTS } from '../protocol/agent-event'
import { applyRecords, createSessionModel } from '.'

let seq = 0
const at = (record: Record<string, unknown>): FrameRecord => ({ seq: seq, t: seq++ * 10, ...record }) as FrameRecord
const incoming = (message: unknown): FrameRecord => {
  const data = typeof message === 'string' ? message : JSON.stringify(message)
  return at({ kind: 'message', dir: 'in', opcode: 1, encoding: 'utf8', data, size: data.length })
}

function agentEvents(runId: string, agent: string, skip: string[] = []): FrameRecord[] {
  return CRITICAL_EVENTS.filter((type) => !skip.includes(type)).map((type) =>
    incoming({ type, run_id: runId, agent_name: agent, timestamp: '2025-09-14T10:00:00Z', data: { status: 'x' } })
  )
}

describe('applyRecords', () => {
  it('derives state, handshake, connection, runs and counters from records', () => {
    seq = 0
    const records: FrameRecord[] = [
      at({ kind: 'session-start', dir: 'local', wallClock: 1, environment: { id: 'sandbox', name: 'Sandbox', kind: 'sandbox' }, url: 'ws://x/ws', authMethod: 'subprotocol' }),
      at({ kind: 'handshake', dir: 'local', ok: true, url: 'ws://x/ws', status: 101, statusText: 'Switching Protocols', subprotocolsOffered: ['jwt.«redacted»'], subprotocol: 'jwt.«redacted»', requestHeaders: {}, responseHeaders: {}, body: null, ms: 3, error: null }),
      incoming({ type: 'connection_established', data: { user_id: 'u-1', connection_id: 'c-1', mode: 'main' } }),
      ...agentEvents('run_1', 'Supervisor', ['agent_completed']),
      ...agentEvents('run_1', 'triage'),
      ...agentEvents('run_1', 'data_helper', ['tool_completed']),
      incoming({ type: 'agent_completed', run_id: 'run_1', agent_name: 'Supervisor', data: { status: 'completed' } }),
      incoming('{not json'),
      at({ kind: 'close', dir: 'in', code: 1000, reason: 'main cleanup', initiator: 'server', clean: true })
    ]
    // Applying in several batches must give the same model as one batch.
    const once = applyRecords(createSessionModel('s'), records)
    let batched = createSessionModel('s')
    for (let i = 0; i < records.length; i += 4) batched = applyRecords(batched, records.slice(i, i + 4))
    expect(batched).toEqual(once)

    expect(once.state).toBe('closed')
    expect(once.handshake?.status).toBe(101)
    expect(once.connection).toEqual({ userId: 'u-1', connectionId: 'c-1', mode: 'main' })
    expect(once.runs).toHaveLength(1)
    const run = once.runs[0]
    expect(run.status).toBe('completed')
    expect(run.agents.map((agent) => agent.agentName)).toEqual(['Supervisor', 'triage', 'data_helper'])
    expect(run.agents[2].critical.tool_completed).toBe(false)
    expect(run.agents[1].critical).toEqual(Object.fromEntries(CRITICAL_EVENTS.map((type) => [type, true])))
    expect(once.stats.flagged).toBe(1)
    expect(once.rows.find((row) => row.flag)?.label).toBe('(malformed JSON)')
    expect(once.close?.code).toBe(1000)
  })

  it('ignores records it has already applied and does not mutate its input', () => {
    seq = 0
    const records = [incoming({ type: 'pong' }), incoming({ type: 'pong' })]
    const first = applyRecords(createSessionModel('s'), records)
    const frozenRows = first.rows.length
    const again = applyRecords(first, records)
    expect(again).toBe(first)
    const more = applyRecords(first, [...records, incoming({ type: 'ack' })])
    expect(more.rows).toHaveLength(3)
    expect(first.rows).toHaveLength(frozenRows)
  })

  it('marks a run with agent_death as failed', () => {
    seq = 0
    const model = applyRecords(createSessionModel('s'), [
      ...agentEvents('r', 'Supervisor', ['agent_completed']),
      incoming({ type: 'agent_death', run_id: 'r', agent_name: 'data_helper', data: { status: 'dead', death_cause: 'oom' } })
    ])
    expect(model.runs[0].status).toBe('error')
  })
})
