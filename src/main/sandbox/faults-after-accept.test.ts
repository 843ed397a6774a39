import { afterEach, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from './index'
import { dig, fetchJson, type ObservedClose, openAuthed, type TestClient } from './test-client'

let sandbox: Sandbox | null = null
afterEach(async () => {
  await sandbox?.stop()
  sandbox = null
})

async function observe(faults: string[], act?: (client: TestClient) => void, stepDelayMs = 0) {
  sandbox = await startSandbox({ faults, stepDelayMs })
  const client = await openAuthed(sandbox)
  act?.(client)
  const closed: ObservedClose = await client.closed
  return { client, closed, types: client.frames.map((frame) => frame.type) }
}

describe('faults after accept (close code and reason)', () => {
  it('auth-failed-after-accept: error_message AUTH_FAILED, then 1008 "Authentication failed"', async () => {
    const { client, closed, types } = await observe(['auth-failed-after-accept'])
    expect(types).toEqual(['error_message'])
    expect(client.frames[0]).toMatchObject({ error_code: 'AUTH_FAILED' })
    expect(closed).toMatchObject({ code: 1008, reason: 'Authentication failed', wasClean: true })
  })

  it('database-down: SERVICE_INIT_FAILED, then 1011 "Service initialization failed"; /ws/health names database_postgres', async () => {
    const { client, closed, types } = await observe(['database-down'])
    expect(types).toEqual(['error_message'])
    expect(client.frames[0]).toMatchObject({ error_code: 'SERVICE_INIT_FAILED' })
    expect(closed).toMatchObject({ code: 1011, reason: 'Service initialization failed', wasClean: true })
    const health = (await fetchJson(`${sandbox!.httpUrl}/ws/health`)).body
    expect(health.status).toBe('unhealthy')
    expect(dig(health, 'service_availability.critical_services.database_postgres')).toMatchObject({
      available: false,
      status: 'failed',
      circuit_breaker_open: true
    })
  })

  it('factory-failure: 1011 "Factory initialization failed" with no other frame', async () => {
    const { closed, types } = await observe(['factory-failure'])
    expect(types).toEqual([])
    expect(closed).toMatchObject({ code: 1011, reason: 'Factory initialization failed', wasClean: true })
  })

  it('bare-1011: 1011 with an empty reason and nothing else', async () => {
    const { client, closed } = await observe(['bare-1011'])
    expect(client.texts).toEqual([])
    expect(closed).toMatchObject({ code: 1011, reason: '', wasClean: true })
  })

  it('too-many-connections: 1008 "Too many concurrent connections (6/5)" before connection_established', async () => {
    const { closed, types } = await observe(['too-many-connections'])
    expect(types).toEqual([])
    expect(closed).toMatchObject({ code: 1008, reason: 'Too many concurrent connections (6/5)' })
  })

  it('rate-limit: connection_established, then 1008 "Rate limit exceeded - retry after 30s"', async () => {
    const { closed, types } = await observe(['rate-limit'])
    expect(types).toEqual(['connection_established'])
    expect(closed).toMatchObject({
      code: 1008,
      reason: 'Rate limit exceeded - retry after 30s',
      wasClean: true
    })
  })

  it('try-again-1013: 1013 "Service temporarily unavailable - retry in 30 seconds"', async () => {
    const { closed } = await observe(['try-again-1013'])
    expect(closed).toMatchObject({
      code: 1013,
      reason: 'Service temporarily unavailable - retry in 30 seconds',
      wasClean: true
    })
  })

  it('message-too-big-1009: the first client message is answered with 1009', async () => {
    const { closed, types } = await observe(['message-too-big-1009'], (client) =>
      client.send({ type: 'ping' })
    )
    expect(types).toEqual(['connection_established'])
    expect(closed).toMatchObject({ code: 1009, reason: 'Message too big', wasClean: true })
  })

  it('cold-start: /health 503 startup_in_progress, then the socket closes 1001 "Startup timeout" without a greeting', async () => {
    sandbox = await startSandbox({ faults: ['cold-start'], stepDelayMs: 5 })
    const health = await fetch(`${sandbox.httpUrl}/health`)
    expect(health.status).toBe(503)
    expect(await health.json()).toMatchObject({
      status: 'unhealthy',
      message: 'Startup in progress',
      startup_in_progress: true,
      details: { phase: expect.any(String) }
    })
    expect((await fetch(`${sandbox.httpUrl}/health/ready`)).status).toBe(503)
    const connectStarted = Date.now()
    const client = await openAuthed(sandbox)
    const closed = await client.closed
    expect(client.texts).toEqual([])
    expect(closed).toMatchObject({ code: 1001, reason: 'Startup timeout', wasClean: true })
    // The queue timeout is 10 × stepDelayMs after accept, which comes after the connect started.
    expect(Date.now() - connectStarted).toBeGreaterThanOrEqual(49)
  })

  it('restart-1012: mid-run, after triage completes, 1012 "Service restart"', async () => {
    const { client, closed } = await observe(['restart-1012'], (c) =>
      c.send({ type: 'user_message', payload: { content: 'x' } })
    )
    expect(closed).toMatchObject({ code: 1012, reason: 'Service restart', wasClean: true })
    const last = client.frames.at(-1)!
    expect(last).toMatchObject({ type: 'agent_completed', agent_name: 'triage' })
  })

  it('demo-mode: connection_established and events say demo-user-001 whatever the sub', async () => {
    sandbox = await startSandbox({ faults: ['demo-mode'], stepDelayMs: 0 })
    const client = await openAuthed(sandbox, { sub: 'real-user-7' })
    const hello = await client.waitFor((frame) => frame.type === 'connection_established')
    expect(dig(hello, 'data.user_id')).toBe('demo-user-001')
    client.send({ type: 'user_message', payload: { content: 'x' } })
    const done = await client.waitFor(
      (frame) => frame.type === 'agent_completed' && frame.agent_name === 'Supervisor'
    )
    expect(done.user_id).toBe('demo-user-001')
    client.ws.close()
  })

  it('redis-degraded: /ws/health degraded, the connection still runs', async () => {
    sandbox = await startSandbox({ faults: ['redis-degraded'], stepDelayMs: 0 })
    const health = (await fetchJson(`${sandbox.httpUrl}/ws/health`)).body
    expect(health.status).toBe('degraded')
    expect(dig(health, 'service_availability.allow_websocket_connections')).toBe(true)
    expect(dig(health, 'service_availability.optional_services.database_redis')).toMatchObject({
      available: true,
      status: 'degraded'
    })
    const client = await openAuthed(sandbox)
    client.send({ type: 'user_message', payload: { content: 'x' } })
    await client.waitFor((frame) => frame.type === 'agent_completed' && frame.agent_name === 'Supervisor')
    client.ws.close()
  })

  it('combines faults: demo-mode + rate-limit', async () => {
    const { client, closed } = await observe(['demo-mode', 'rate-limit'])
    expect(dig(client.frames[0], 'data.user_id')).toBe('demo-user-001')
    expect(closed.code).toBe(1008)
  })
})
