import { afterEach, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from './index'
import { jwtSubprotocol } from './subprotocols'
import { dig, expectRefusal, fetchJson, openClient } from './test-client'

let sandbox: Sandbox | null = null
afterEach(async () => {
  await sandbox?.stop()
  sandbox = null
})

async function refusalFor(faults: string[], protocols = false) {
  sandbox = await startSandbox({ faults, stepDelayMs: 0 })
  const token = await sandbox.mintToken()
  const refusal = protocols
    ? await expectRefusal(sandbox.wsUrl, { protocols: [jwtSubprotocol(token)] })
    : await expectRefusal(`${sandbox.wsUrl}?token=${token}`)
  expect(refusal.sawWebSocket).toBe(false)
  return { status: refusal.status, detail: String(JSON.parse(refusal.body).detail) }
}

describe('faults refused before accept (HTTP status, no close frame)', () => {
  it('token-rejected: 403 for a valid token', async () => {
    expect(await refusalFor(['token-rejected'])).toEqual({
      status: 403,
      detail: 'Authentication failed: Token rejected by auth service'
    })
  })

  it('token-rejected also refuses a ticket that was issued before the fault', async () => {
    sandbox = await startSandbox({ stepDelayMs: 0 })
    const token = await sandbox.mintToken()
    const response = await fetch(`${sandbox.httpUrl}/api/websocket/ticket`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` }
    })
    const ticket = (await response.json()) as { websocket_url: string }
    sandbox.configure({ faults: ['token-rejected'] })
    expect((await expectRefusal(ticket.websocket_url)).status).toBe(403)
  })

  it('no-matching-subprotocol: 403 for a correct jwt. offer', async () => {
    expect(await refusalFor(['no-matching-subprotocol'], true)).toEqual({
      status: 403,
      detail: 'No matching subprotocol'
    })
  })

  it('no-matching-subprotocol leaves header auth alone', async () => {
    sandbox = await startSandbox({ faults: ['no-matching-subprotocol'], stepDelayMs: 0 })
    const client = await openClient(sandbox.wsUrl, {
      headers: { Authorization: `Bearer ${await sandbox.mintToken()}` }
    })
    await client.waitFor((frame) => frame.type === 'connection_established')
    client.ws.close()
  })

  it('expired-token: 403 "Token expired" for a fresh token; the ticket endpoint answers 401', async () => {
    expect(await refusalFor(['expired-token'])).toEqual({
      status: 403,
      detail: 'Authentication failed: Token expired'
    })
    const response = await fetch(`${sandbox!.httpUrl}/api/websocket/ticket`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await sandbox!.mintToken()}` }
    })
    expect(response.status).toBe(401)
  })

  it('wrong-env: 403 environment mismatch naming both environments', async () => {
    const { status, detail } = await refusalFor(['wrong-env'], true)
    expect(status).toBe(403)
    expect(detail).toBe(
      'Authentication failed: Token environment mismatch: token env=development, server env=staging'
    )
  })

  it('readiness-refusal: 403 "Service not ready: database_postgres" and the /ws/health denial', async () => {
    expect(await refusalFor(['readiness-refusal'])).toEqual({
      status: 403,
      detail: 'Service not ready: database_postgres'
    })
    const health = (await fetchJson(`${sandbox!.httpUrl}/ws/health`)).body
    expect(health.service_availability).toMatchObject({
      allow_websocket_connections: false,
      denial_reason: 'Service not ready: database_postgres'
    })
    expect(dig(health, 'service_availability.critical_services.database_postgres')).toMatchObject({
      available: false,
      status: 'unknown'
    })
    expect((await fetch(`${sandbox!.httpUrl}/health/ready`)).status).toBe(503)
  })

  it('a refusal still counts in /ws/stats', async () => {
    await refusalFor(['token-rejected'])
    const stats = (await fetchJson(`${sandbox!.httpUrl}/ws/stats`)).body
    expect(stats).toMatchObject({ refused_upgrades: 1, total_connections: 0, active_connections: 0 })
  })
})
