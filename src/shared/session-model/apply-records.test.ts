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
    expect({ ...batched, version: once.version }).toEqual(once)
    expect(batched.version).toBe(Math.ceil(records.length / 4))

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
    expect(once.rows.toArray().find((row) => row.flag)?.label).toBe('(malformed JSON)')
    expect(once.close?.code).toBe(1000)
  })

  it('ignores records it has already applied, and appends new ones in place with a new version', () => {
    seq = 0
    const records = [incoming({ type: 'pong' }), incoming({ type: 'pong' })]
    const first = applyRecords(createSessionModel('s'), records)
    expect(first.version).toBe(1)
    const again = applyRecords(first, records)
    expect(again).toBe(first)
    const rows = first.rows
    const more = applyRecords(first, [...records, incoming({ type: 'ack' })])
    // A new model object (selectors see the change) sharing the appended arrays (no copy per batch).
    expect(more).not.toBe(first)
    expect(more.version).toBe(2)
    expect(more.rows).toBe(rows)
    expect(more.records).toBe(first.records)
    expect(more.rows.toArray().map((row) => row.seq)).toEqual([0, 1, 2])
    expect(more.records.map((record) => record.seq)).toEqual([0, 1, 2])
  })

  it('appends an agent event to its run in place, copying only the touched run and agent once per batch', () => {
    seq = 0
    const other = incoming({ type: 'agent_started', run_id: 'q', agent_name: 'triage', data: {} })
    const [started, thinking, ...rest] = agentEvents('r', 'triage')
    const first = applyRecords(createSessionModel('s'), [other, started])
    const [runQ, runR] = first.runs
    const events = runR.agents[0].events
    const second = applyRecords(first, [thinking, ...rest])
    expect(second.runs).not.toBe(first.runs)
    expect(second.runs[1]).not.toBe(runR)
    expect(second.runs[0]).toBe(runQ) // untouched run: same object
    expect(second.runs[1].agents[0].events).toBe(events) // pushed into, not copied
    expect(events.map((event) => event.type)).toEqual(CRITICAL_EVENTS.slice())
    expect(second.runs[1].agents[0].critical).toEqual(Object.fromEntries(CRITICAL_EVENTS.map((type) => [type, true])))
    // The earlier agent object keeps the flags it had: flags are copied with the agent, per batch.
    expect(runR.agents[0].critical.agent_completed).toBe(false)
    expect(second.runs[1].eventCount).toBe(CRITICAL_EVENTS.length)
  })

  it('keeps rows but no full records when asked not to retain them', () => {
    seq = 0
    const model = applyRecords(createSessionModel('s', { retainRecords: false }), [incoming({ type: 'pong' })])
    expect(model.rows).toHaveLength(1)
    expect(model.records).toHaveLength(0)
  })

  it('marks a run with agent_death as failed', () => {
    seq = 0
    const model = applyRecords(createSessionModel('s'), [
      ...agentEvents('r', 'Supervisor', ['agent_completed']),
      incoming({ type: 'agent_death', run_id: 'r', agent_name: 'data_helper', data: { status: 'dead', death_cause: 'oom' } })
    ])
    expect(model.runs[0].status).toBe('error')
  })

  it("completes a run on the Supervisor's agent_completed in every generation's spelling", () => {
    for (const supervisor of ['Supervisor', 'supervisor', 'SupervisorAgent']) {
      seq = 0
      const model = applyRecords(createSessionModel('s'), agentEvents('r', supervisor))
      expect(model.runs[0].status, supervisor).toBe('completed')
    }
    seq = 0
    expect(applyRecords(createSessionModel('s'), agentEvents('r', 'triage')).runs[0].status).toBe('running')
  })
})

describe('applyRecords: attempts, preflight and token evidence', () => {
  it('keeps every attempt with its own handshake and close, and the latest at the top level', () => {
    seq = 0
    const refused = { kind: 'handshake', dir: 'local', ok: false, url: 'wss://x/ws', status: 503, statusText: 'Service Unavailable', subprotocolsOffered: [], subprotocol: null, requestHeaders: {}, responseHeaders: {}, body: null, ms: 4, error: 'server refused the upgrade: HTTP 503' }
    const records = [
      at({ kind: 'preflight', dir: 'local', check: 'dns', name: 'dns', target: 'x', ok: true, ms: 1, status: null, detail: { addresses: ['127.0.0.1'] }, error: null }),
      at({ kind: 'token', dir: 'local', source: 'env-var', decodable: true, claims: { sub: 'u', email: null, env: 'staging', iss: 'netra-auth-service', aud: 'netra-platform', token_type: 'access', iat: 1, exp: 2, hasJti: true } }),
      at({ kind: 'attempt', dir: 'local', attempt: 1, of: 2, delayMs: 0 }),
      at(refused),
      at({ kind: 'close', dir: 'local', code: 1006, reason: '', initiator: 'none', clean: false }),
      at({ kind: 'attempt', dir: 'local', attempt: 2, of: 2, delayMs: 1000 }),
      at({ ...refused, ok: true, status: 101, error: null })
    ] as FrameRecord[]
    const model = applyRecords(createSessionModel('s'), records)
    expect(model.attempts.map((attempt) => [attempt.attempt, attempt.handshake?.status, attempt.close?.code ?? null])).toEqual([
      [1, 503, 1006],
      [2, 101, null]
    ])
    expect(model.handshake?.status).toBe(101)
    expect(model.close).toBeNull()
    expect(model.state).toBe('open')
    expect(model.preflight).toHaveLength(1)
    expect(model.token?.claims.env).toBe('staging')
  })

  it('treats a session without attempt markers as one attempt', () => {
    seq = 0
    const model = applyRecords(createSessionModel('s'), [
      at({ kind: 'error', dir: 'local', message: 'boom', code: null }),
      at({ kind: 'close', dir: 'local', code: 1006, reason: '', initiator: 'none', clean: false })
    ])
    expect(model.attempts).toHaveLength(1)
    expect(model.attempts[0].errors).toHaveLength(1)
    expect(model.attempts[0].close?.code).toBe(1006)
  })

  it('finds a run by id in later batches without indexing every run again, as one batch would', () => {
    seq = 0
    const event = (runId: string, agent: string, type = 'agent_thinking'): FrameRecord => incoming({ type, run_id: runId, agent_name: agent })
    const batches = [
      [event('r1', 'a'), event('r2', 'a')],
      [event('r1', 'b'), event('r3', 'a'), event('r2', 'a', 'agent_started')],
      [],
      [event('r3', 'a'), event('r1', 'a')],
      [incoming({ type: 'pong' })],
      [event('r4', 'c'), event('r2', 'b')]
    ]
    let batched = createSessionModel('s', { retainRecords: false })
    for (const batch of batches) batched = applyRecords(batched, batch)
    const once = applyRecords(createSessionModel('s', { retainRecords: false }), batches.flat())
    expect(batched.runs).toEqual(once.runs)
    expect(batched.runs.map((run) => [run.runId, run.eventCount])).toEqual([
      ['r1', 3],
      ['r2', 3],
      ['r3', 2],
      ['r4', 1]
    ])
  })
})
