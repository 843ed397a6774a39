import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from './index'
import { openClient, type TestClient } from './test-client'

let sandbox: Sandbox
beforeAll(async () => {
  sandbox = await startSandbox({ stepDelayMs: 0 })
})
afterAll(async () => {
  await sandbox.stop()
})

async function connect(): Promise<TestClient> {
  const client = await openClient(`${sandbox.wsUrl}?token=${await sandbox.mintToken()}`)
  await client.waitFor((frame) => frame.type === 'connection_established')
  return client
}

describe('client messages', () => {
  it('answers ping with pong and heartbeat with heartbeat_ack', async () => {
    const client = await connect()
    client.send({ type: 'ping', timestamp: Date.now() / 1000, connection_id: 'x' })
    const pong = await client.waitFor((frame) => frame.type === 'pong')
    expect(pong).toMatchObject({ server_id: null, correlation_id: null, data: expect.any(Object) })
    client.send({ type: 'heartbeat' })
    await client.waitFor((frame) => frame.type === 'heartbeat_ack')
    client.ws.close()
  })

  it('acknowledges unknown types', async () => {
    const client = await connect()
    client.send({ type: 'mystery_type', payload: {} })
    const ack = await client.waitFor((frame) => frame.type === 'ack')
    expect(ack).toEqual({ type: 'ack', received_type: 'mystery_type', status: 'acknowledged' })
    client.ws.close()
  })

  it('reports malformed JSON with JSON_PARSE_ERROR and keeps the connection', async () => {
    const client = await connect()
    client.send('{"type": "user_message", ')
    const error = await client.waitFor((frame) => frame.type === 'error_message')
    expect(error).toMatchObject({
      error_code: 'JSON_PARSE_ERROR',
      error_message: expect.any(String),
      details: expect.any(Object)
    })
    expect(typeof error.timestamp).toBe('number')
    expect(Array.isArray(error.recovery_suggestions)).toBe(true)
    client.send({ type: 'ping' })
    await client.waitFor((frame) => frame.type === 'pong')
    client.ws.close()
  })

  it('rejects a user_message without content', async () => {
    const client = await connect()
    client.send({ type: 'user_message', payload: {} })
    const error = await client.waitFor((frame) => frame.type === 'error')
    expect(error.message).toBe('Message content required')
    client.ws.close()
  })

  it('answers a client close normally', async () => {
    const client = await connect()
    client.ws.close(1000, 'bye')
    expect(await client.closed).toMatchObject({ code: 1000, reason: 'bye', wasClean: true })
  })

  it('ends normally with 1000 "<mode> cleanup" when the server closes', async () => {
    const token = await sandbox.mintToken()
    for (const [path, mode] of [
      ['/ws', 'main'],
      ['/ws?mode=isolated', 'isolated'],
      ['/ws/factory', 'factory'],
      ['/ws/isolated', 'isolated'],
      ['/api/v1/websocket', 'legacy']
    ]) {
      const url = `${sandbox.httpUrl.replace('http', 'ws')}${path}${path.includes('?') ? '&' : '?'}token=${token}`
      const client = await openClient(url)
      const hello = await client.waitFor((frame) => frame.type === 'connection_established')
      expect((hello.data as Record<string, unknown>).mode).toBe(mode)
      client.send({ type: 'sandbox_close' })
      expect(await client.closed).toMatchObject({ code: 1000, reason: `${mode} cleanup`, wasClean: true })
    }
  })

  it('stop_agent cancels the run in progress', async () => {
    const slow = await startSandbox({ stepDelayMs: 20 })
    try {
      const client = await openClient(`${slow.wsUrl}?token=${await slow.mintToken()}`)
      client.send({ type: 'user_message', payload: { content: 'long' } })
      await client.waitFor((frame) => frame.type === 'agent_started' && frame.agent_name === 'triage')
      client.send({ type: 'stop_agent' })
      await client.waitFor((frame) => frame.type === 'ack' && frame.received_type === 'stop_agent')
      await new Promise((resolve) => setTimeout(resolve, 100))
      expect(
        client.frames.some((frame) => frame.type === 'agent_completed' && frame.agent_name === 'Supervisor')
      ).toBe(false)
    } finally {
      await slow.stop()
    }
  })
})
