import { afterEach, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from './index'
import { openAuthed } from './test-client'

let sandbox: Sandbox | null = null
afterEach(async () => {
  await sandbox?.stop()
  sandbox = null
})

async function get(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${sandbox!.httpUrl}${path}`)
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

describe('HTTP API', () => {
  it('GET /ws/health lists every critical and optional service with the full entry shape', async () => {
    sandbox = await startSandbox()
    const { status, body } = await get('/ws/health')
    expect(status).toBe(200)
    expect(body).toMatchObject({
      status: 'healthy',
      mode: 'main',
      components: { manager: true, message_router: true, connection_monitor: true },
      service_availability: {
        allow_websocket_connections: true,
        denial_reason: null,
        overall_service_status: 'healthy'
      }
    })
    const availability = body.service_availability as {
      critical_services: Record<string, unknown>
      optional_services: Record<string, unknown>
      summary: unknown
      last_check: string
    }
    expect(Object.keys(availability.critical_services)).toEqual(['authentication', 'database_postgres'])
    expect(Object.keys(availability.optional_services)).toEqual([
      'agent_bridge',
      'thread_service',
      'database_redis',
      'agent_supervisor',
      'tool_classes'
    ])
    for (const entry of [
      ...Object.values(availability.critical_services),
      ...Object.values(availability.optional_services)
    ]) {
      expect(Object.keys(entry as object).sort()).toEqual([
        'available',
        'circuit_breaker_open',
        'error',
        'last_check',
        'response_time_ms',
        'status'
      ])
      expect(entry).toMatchObject({
        available: true,
        status: 'healthy',
        circuit_breaker_open: false,
        error: null
      })
    }
    expect(availability.summary).toMatchObject({ total_services: 7, healthy: 7 })
    expect(Number.isNaN(Date.parse(availability.last_check))).toBe(false)
  })

  it('GET /health/ready, /health/live, /ws/config, /ws/beacon, /ws/auth/health, /health/infrastructure', async () => {
    sandbox = await startSandbox()
    expect(await get('/health/ready')).toEqual({ status: 200, body: { status: 'ready' } })
    expect((await get('/health/live')).body.status).toBe('alive')
    const config = await get('/ws/config')
    expect(config.body.websocket_config).toMatchObject({
      endpoints: ['/ws', '/ws/factory', '/ws/isolated', '/api/v1/websocket'],
      max_connections_per_user: 10,
      generation: 'beta-17'
    })
    expect(config.body.environment).toBe('development')
    for (const path of ['/ws/beacon', '/ws/auth/health', '/health/infrastructure'])
      expect((await get(path)).status).toBe(200)
  })

  it('/ws/config reports the environment the server runs in (max connections follow it)', async () => {
    sandbox = await startSandbox({ environment: 'staging' })
    const config = await get('/ws/config')
    expect(config.body.environment).toBe('staging')
    expect(config.body.websocket_config).toMatchObject({ max_connections_per_user: 5 })
  })

  it('GET /ws/stats counts connections and messages', async () => {
    sandbox = await startSandbox({ stepDelayMs: 0 })
    const client = await openAuthed(sandbox)
    await client.waitFor((frame) => frame.type === 'connection_established')
    client.send({ type: 'ping' })
    await client.waitFor((frame) => frame.type === 'pong')
    const stats = (await get('/ws/stats')).body
    expect(stats).toMatchObject({
      active_connections: 1,
      total_connections: 1,
      messages_received: 1,
      messages_sent: 2
    })
    client.ws.close()
    await client.closed
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect((await get('/ws/stats')).body.active_connections).toBe(0)
  })

  it('answers JSON errors: 405 on a wrong method, 426 on a plain GET of a WebSocket path, 404 for an unknown upgrade path', async () => {
    sandbox = await startSandbox()
    expect((await fetch(`${sandbox.httpUrl}/health`, { method: 'POST' })).status).toBe(405)
    expect((await get('/ws')).status).toBe(426)
    expect((await fetch(`${sandbox.httpUrl}/api/websocket/ticket`)).status).toBe(405)
    const { expectRefusal } = await import('./test-client')
    const token = await sandbox.mintToken()
    expect(
      (await expectRefusal(`${sandbox.httpUrl.replace('http', 'ws')}/elsewhere?token=${token}`)).status
    ).toBe(404)
    expect((await expectRefusal(`${sandbox.wsUrl}?mode=weird&token=${token}`)).status).toBe(400)
  })

  it('validates ticket requests', async () => {
    sandbox = await startSandbox()
    const token = await sandbox.mintToken()
    const post = (body: string) =>
      fetch(`${sandbox!.httpUrl}/api/websocket/ticket`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}` },
        body
      })
    expect((await post('{"ttl_seconds": 0}')).status).toBe(422)
    expect((await post('not json')).status).toBe(422)
    const multi = (await (await post('{"ttl_seconds": 60, "single_use": false}')).json()) as Record<
      string,
      string
    >
    expect(multi).toMatchObject({ ttl_seconds: 60, single_use: false })
    for (let attempt = 0; attempt < 2; attempt++) {
      const client = await openAuthed({ wsUrl: multi.websocket_url, mintToken: async () => '' })
      await client.waitFor((frame) => frame.type === 'connection_established')
      client.ws.close()
    }
  })
})
