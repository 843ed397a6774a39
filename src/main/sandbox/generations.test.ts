import { afterEach, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox, type SandboxOptions } from './index'
import { jwtSubprotocol } from './subprotocols'
import { dig, fetchJson, isRunEnd, openAuthed, openClient, type TestClient } from './test-client'

let sandbox: Sandbox | null = null
afterEach(async () => {
  await sandbox?.stop()
  sandbox = null
})

async function connect(options: SandboxOptions): Promise<TestClient> {
  sandbox = await startSandbox({ stepDelayMs: 0, ...options })
  return openAuthed(sandbox, { sub: 'gen-user' })
}

describe('beta-10', () => {
  it('echoes the bare jwt-auth of the older offer', async () => {
    sandbox = await startSandbox({ generation: 'beta-10', stepDelayMs: 0 })
    const client = await openClient(sandbox.wsUrl, {
      protocols: ['jwt-auth', jwtSubprotocol(await sandbox.mintToken())]
    })
    expect(client.protocol).toBe('jwt-auth')
    client.ws.close()
  })

  it('uses payload, a duplicated event field and epoch-second timestamps', async () => {
    const client = await connect({ generation: 'beta-10' })
    const hello = await client.waitFor((frame) => frame.type === 'connection_established')
    expect(hello).toMatchObject({
      event: 'connection_established',
      payload: { user_id: 'gen-user', mode: 'main' }
    })
    expect(hello.data).toBeUndefined()
    expect(typeof hello.timestamp).toBe('number')
    client.ws.close()
  })

  it('wraps agent events in system_message / agent_progress with the name in data.event', async () => {
    const client = await connect({ generation: 'beta-10' })
    client.send({ type: 'user_message', payload: { content: 'x' } })
    const end = await client.waitFor(
      (frame) =>
        dig(frame, 'data.event') === 'agent_completed' &&
        dig(frame, 'data.payload.agent_name') === 'Supervisor'
    )
    expect(end.type).toBe('system_message')
    const wrapped = client.frames.filter(
      (frame) => frame.type === 'system_message' || frame.type === 'agent_progress'
    )
    // Supervisor 2, triage 3, data_helper 5, reporting 3 (the default wrapped event style).
    expect(wrapped).toHaveLength(13)
    for (const frame of wrapped) {
      expect(frame.event).toBe(frame.type)
      expect(typeof frame.timestamp).toBe('number')
      const data = frame.data as { event: string; payload: unknown }
      const expectedWrapper = ['agent_started', 'agent_completed'].includes(data.event)
        ? 'system_message'
        : 'agent_progress'
      expect(frame.type).toBe(expectedWrapper)
      expect(data.payload).toMatchObject({
        run_id: expect.stringMatching(/^run_/),
        user_id: 'gen-user',
        agent_name: expect.any(String),
        data: expect.any(Object)
      })
    }
    const tool = wrapped.find(
      (frame) =>
        dig(frame, 'data.event') === 'tool_completed' &&
        dig(frame, 'data.payload.agent_name') === 'data_helper'
    )!
    expect(dig(tool, 'data.payload')).toMatchObject({
      tool_name: 'data_helper',
      results: { success: true, data_request_generated: true }
    })
    client.ws.close()
  })

  it('answers /health/ready with per-store statuses', async () => {
    sandbox = await startSandbox({ generation: 'beta-10', faults: ['redis-degraded'] })
    const ready = (await fetchJson(`${sandbox.httpUrl}/health/ready`)).body
    expect(ready).toMatchObject({
      status: 'ready',
      core_db: 'connected',
      clickhouse_db: 'skipped_optional',
      redis_db: 'optional_unavailable',
      websocket_readiness: 'ready',
      environment: 'development'
    })
    sandbox.configure({ faults: ['database-down'] })
    const down = await fetch(`${sandbox.httpUrl}/health/ready`)
    expect(down.status).toBe(503)
    expect(await down.json()).toMatchObject({ core_db: 'failed' })
  })
})

describe('handshake (newest)', () => {
  it('sends handshake_response, holds runs until handshake_acknowledged, and uses the announced run id', async () => {
    const client = await connect({ generation: 'handshake' })
    const handshake = await client.waitFor((frame) => frame.type === 'handshake_response')
    const data = handshake.data as Record<string, string>
    expect(Object.keys(data).sort()).toEqual([
      'message',
      'request_id',
      'run_id',
      'session_token',
      'thread_id'
    ])
    expect(client.frames[0].type).toBe('connection_established')
    client.send({ type: 'user_message', payload: { content: 'x' } })
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(client.frames.some((frame) => frame.type === 'agent_started')).toBe(false)
    client.send({ type: 'handshake_acknowledged', run_id: data.run_id })
    const end = await client.waitFor(isRunEnd)
    expect(end.run_id).toBe(data.run_id)
    await client.waitFor(
      (frame) => frame.type === 'backend_log' && /completed/.test(String(dig(frame, 'data.message')))
    )
    const logs = client.frames.filter((frame) => frame.type === 'backend_log')
    expect(logs.length).toBeGreaterThanOrEqual(3)
    expect(logs[0].data).toMatchObject({ level: 'info', message: expect.any(String) })
    client.ws.close()
  })

  it('announces cleanup_started / cleanup_complete before a server-initiated close', async () => {
    const client = await connect({ generation: 'handshake' })
    await client.waitFor((frame) => frame.type === 'handshake_response')
    client.send({ type: 'sandbox_close' })
    const closed = await client.closed
    expect(closed).toMatchObject({ code: 1000, reason: 'main cleanup', wasClean: true })
    expect(client.frames.slice(-2).map((frame) => frame.type)).toEqual([
      'cleanup_started',
      'cleanup_complete'
    ])
  })

  it('sends agent_timeout_warning before a slow step', async () => {
    const client = await connect({ generation: 'handshake', faults: ['slow-llm:30'] })
    await client.waitFor((frame) => frame.type === 'handshake_response')
    client.send({ type: 'handshake_acknowledged' })
    client.send({ type: 'user_message', payload: { content: 'x' } })
    await client.waitFor(isRunEnd)
    const types = client.frames
      .filter((frame) => frame.agent_name === 'data_helper')
      .map((frame) => frame.type)
    expect(types.slice(0, 3)).toEqual(['agent_started', 'agent_timeout_warning', 'agent_thinking'])
    client.ws.close()
  })
})

describe('beta-17 and component-codes share the flat event shape', () => {
  for (const generation of ['beta-17', 'component-codes'] as const) {
    it(`${generation}: flat events, ISO timestamps, top-level tool fields`, async () => {
      const client = await connect({ generation })
      client.send({ type: 'user_message', payload: { content: 'x' } })
      await client.waitFor(isRunEnd)
      const tool = client.frames.find(
        (frame) => frame.type === 'tool_completed' && frame.agent_name === 'data_helper'
      )!
      expect(tool).toMatchObject({
        tool_name: 'data_helper',
        results: expect.any(Object),
        run_id: expect.any(String)
      })
      expect(typeof tool.timestamp).toBe('string')
      expect(
        client.frames.some((frame) => frame.type === 'handshake_response' || frame.type === 'backend_log')
      ).toBe(false)
      client.ws.close()
    })
  }
})
