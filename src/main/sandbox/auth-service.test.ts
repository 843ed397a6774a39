import { afterEach, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from './index'
import { dig, openClient } from './test-client'
import { jwtSubprotocol } from './subprotocols'

let sandbox: Sandbox | null = null
afterEach(async () => {
  await sandbox?.stop()
  sandbox = null
})

function e2eAuth(
  key: string,
  body: Record<string, unknown> = {
    email: 'qa.tester@netrasystems.ai',
    name: 'QA',
    permissions: ['read'],
    simulate_oauth: true
  }
) {
  return fetch(`${sandbox!.authUrl}/auth/e2e/test-auth`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-E2E-Bypass-Key': key },
    body: JSON.stringify(body)
  })
}

describe('auth service', () => {
  it('GET /health on its own port', async () => {
    sandbox = await startSandbox({ environment: 'staging' })
    const response = await fetch(`${sandbox.authUrl}/health`)
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({
      status: 'healthy',
      service: 'auth-service',
      version: expect.any(String),
      timestamp: expect.any(String),
      database_status: 'connected',
      environment: 'staging'
    })
  })

  it('mints an E2E token with the simulation key, which the WebSocket accepts', async () => {
    sandbox = await startSandbox({ stepDelayMs: 0, simulationKey: 'sim-key-123' })
    expect(sandbox.simulationKey).toBe('sim-key-123')
    const response = await e2eAuth('sim-key-123')
    expect(response.status).toBe(200)
    const body = (await response.json()) as Record<string, string>
    expect(body).toMatchObject({
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 900,
      user: { id: 'e2e-qa.tester', email: 'qa.tester@netrasystems.ai', name: 'QA', permissions: ['read'] }
    })
    const claims = JSON.parse(Buffer.from(body.access_token.split('.')[1], 'base64url').toString())
    expect(claims).toMatchObject({
      sub: 'e2e-qa.tester',
      iss: 'netra-auth-service',
      aud: 'netra-platform',
      token_type: 'access',
      env: 'development'
    })
    expect(claims.exp - claims.iat).toBe(900)
    const client = await openClient(sandbox.wsUrl, { protocols: [jwtSubprotocol(body.access_token)] })
    const hello = await client.waitFor((frame) => frame.type === 'connection_established')
    expect(dig(hello, 'data.user_id')).toBe('e2e-qa.tester')
    client.ws.close()
    // A refresh token is not an access token.
    const { expectRefusal } = await import('./test-client')
    expect((await expectRefusal(`${sandbox.wsUrl}?token=${body.refresh_token}`)).status).toBe(403)
  })

  it('refuses a wrong key with 403 and a bad body with 422', async () => {
    sandbox = await startSandbox()
    expect((await e2eAuth('wrong')).status).toBe(403)
    expect((await e2eAuth(sandbox.simulationKey, { name: 'no email' })).status).toBe(422)
    expect((await fetch(`${sandbox.authUrl}/nope`)).status).toBe(404)
  })

  it('answers 403 in production even with the right key', async () => {
    sandbox = await startSandbox({ environment: 'production' })
    const response = await e2eAuth(sandbox.simulationKey)
    expect(response.status).toBe(403)
    expect(dig(await response.json(), 'detail')).toMatch(/production/)
  })

  it('mintToken honours environment lifetimes and explicit expiry', async () => {
    sandbox = await startSandbox({ environment: 'production' })
    const decode = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString())
    const prod = decode(await sandbox.mintToken())
    expect(prod.exp - prod.iat).toBe(15 * 60)
    expect(prod.env).toBe('production')
    const custom = decode(await sandbox.mintToken({ sub: 'x' }, { expiresInSeconds: 42 }))
    expect(custom.exp - custom.iat).toBe(42)
  })
})
