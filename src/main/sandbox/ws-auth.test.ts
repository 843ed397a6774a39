import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from './index'
import { jwtSubprotocol } from './subprotocols'
import { expectRefusal, openClient } from './test-client'

let sandbox: Sandbox

beforeAll(async () => {
  sandbox = await startSandbox({ stepDelayMs: 0 })
})
afterAll(async () => {
  await sandbox.stop()
})

async function established(url: string, opts: Parameters<typeof openClient>[1] = {}) {
  const client = await openClient(url, opts)
  const hello = await client.waitFor((frame) => frame.type === 'connection_established')
  return { client, hello }
}

describe('upgrade auth accepted', () => {
  it('accepts the jwt.<base64url> subprotocol and echoes it', async () => {
    const token = await sandbox.mintToken({ sub: 'user-sub-1' })
    const offer = jwtSubprotocol(token)
    const { client, hello } = await established(sandbox.wsUrl, { protocols: [offer] })
    expect(client.protocol).toBe(offer)
    expect(hello).toMatchObject({ server_id: null, correlation_id: null })
    expect(typeof hello.timestamp).toBe('number')
    const data = hello.data as Record<string, unknown>
    expect(data).toMatchObject({ mode: 'main', user_id: 'user-sub-1' })
    expect(data.golden_path_events).toEqual([
      'agent_started',
      'agent_thinking',
      'tool_executing',
      'tool_completed',
      'agent_completed'
    ])
    expect(String(data.connection_id)).toMatch(/^conn_/)
    client.ws.close(1000)
    const closed = await client.closed
    expect(closed).toMatchObject({ code: 1000, wasClean: true })
  })

  it('accepts the Authorization header with no subprotocol', async () => {
    const token = await sandbox.mintToken({ sub: 'header-user' })
    const { client, hello } = await established(sandbox.wsUrl, {
      headers: { Authorization: `Bearer ${token}` }
    })
    expect(client.protocol).toBe('')
    expect((hello.data as Record<string, unknown>).user_id).toBe('header-user')
    client.ws.close()
  })

  it('checks the header first, even when a valid subprotocol token is offered', async () => {
    const good = await sandbox.mintToken()
    const result = await expectRefusal(sandbox.wsUrl, {
      headers: { Authorization: 'Bearer not-a-jwt' },
      protocols: [jwtSubprotocol(good)]
    })
    expect(result.status).toBe(403)
  })

  it('accepts query tokens under every key', async () => {
    for (const key of ['token', 'jwt', 'auth_token', 'access_token']) {
      const token = await sandbox.mintToken({ sub: `q-${key}` })
      const { client, hello } = await established(`${sandbox.wsUrl}?${key}=${token}`)
      expect((hello.data as Record<string, unknown>).user_id).toBe(`q-${key}`)
      client.ws.close()
    }
  })

  it('echoes jwt-auth. / bearer. entries and the bare names in order', async () => {
    const token = await sandbox.mintToken()
    const bearer = jwtSubprotocol(token, 'bearer.')
    let opened = await openClient(sandbox.wsUrl, { protocols: ['agent_chat', bearer] })
    expect(opened.protocol).toBe(bearer)
    opened.ws.close()
    opened = await openClient(`${sandbox.wsUrl}?token=${token}`, { protocols: ['agent_chat', 'e2e-testing'] })
    expect(opened.protocol).toBe('e2e-testing')
    opened.ws.close()
    // The older offer: newest servers echo the token entry, not the bare name.
    const older = jwtSubprotocol(token)
    opened = await openClient(sandbox.wsUrl, { protocols: ['jwt-auth', older] })
    expect(opened.protocol).toBe(older)
    opened.ws.close()
  })

  it('trades a Bearer token for a single-use ticket', async () => {
    const token = await sandbox.mintToken({ sub: 'ticket-user' })
    const response = await fetch(`${sandbox.httpUrl}/api/websocket/ticket`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ ttl_seconds: 300, single_use: true })
    })
    expect(response.status).toBe(200)
    const ticket = (await response.json()) as Record<string, unknown>
    expect(ticket).toMatchObject({ ttl_seconds: 300, single_use: true })
    expect(Object.keys(ticket).sort()).toEqual([
      'created_at',
      'expires_at',
      'single_use',
      'ticket_id',
      'ttl_seconds',
      'websocket_url'
    ])
    expect(String(ticket.websocket_url)).toBe(`${sandbox.wsUrl}?ticket=${String(ticket.ticket_id)}`)
    const { client, hello } = await established(String(ticket.websocket_url))
    expect((hello.data as Record<string, unknown>).user_id).toBe('ticket-user')
    client.ws.close()
    const again = await expectRefusal(String(ticket.websocket_url))
    expect(again.status).toBe(403)
    expect(again.body).toContain('Ticket already used')
  })

  it('refuses a ticket request without a valid Bearer token', async () => {
    const response = await fetch(`${sandbox.httpUrl}/api/websocket/ticket`, { method: 'POST', body: '{}' })
    expect(response.status).toBe(401)
  })
})

describe('upgrade auth refused with HTTP 403, never a close frame', () => {
  const cases: Array<[string, () => Promise<{ url: string; protocols?: string[] }>, RegExp]> = [
    ['no token', async () => ({ url: sandbox.wsUrl }), /No token provided/],
    ['garbage token', async () => ({ url: `${sandbox.wsUrl}?token=abc.def.ghi` }), /Authentication failed/],
    [
      'wrong signature',
      async () => {
        const other = await startSandbox()
        const token = await other.mintToken()
        await other.stop()
        return { url: `${sandbox.wsUrl}?token=${token}` }
      },
      /signature/
    ],
    [
      'expired token',
      async () => ({
        url: `${sandbox.wsUrl}?token=${await sandbox.mintToken({}, { expiresInSeconds: -10 })}`
      }),
      /expired/
    ],
    [
      'wrong issuer',
      async () => ({ url: `${sandbox.wsUrl}?token=${await sandbox.mintToken({ iss: 'someone-else' })}` }),
      /iss/
    ],
    [
      'wrong audience',
      async () => ({ url: `${sandbox.wsUrl}?token=${await sandbox.mintToken({ aud: 'other' })}` }),
      /aud/
    ],
    [
      'missing jti',
      async () => ({ url: `${sandbox.wsUrl}?token=${await sandbox.mintToken({ jti: undefined })}` }),
      /jti/
    ],
    [
      'missing sub',
      async () => ({ url: `${sandbox.wsUrl}?token=${await sandbox.mintToken({ sub: undefined })}` }),
      /sub/
    ],
    [
      'older than 24 h',
      async () => {
        const iat = Math.floor(Date.now() / 1000) - 25 * 3600
        return { url: `${sandbox.wsUrl}?token=${await sandbox.mintToken({ iat, exp: iat + 26 * 3600 })}` }
      },
      /24 h/
    ],
    [
      'env mismatch',
      async () => ({ url: `${sandbox.wsUrl}?token=${await sandbox.mintToken({ env: 'staging' })}` }),
      /environment mismatch/
    ],
    [
      'offered subprotocols but none matched',
      async () => ({
        url: `${sandbox.wsUrl}?token=${await sandbox.mintToken()}`,
        protocols: ['graphql-ws', 'chat']
      }),
      /No matching subprotocol/
    ],
    ['unknown ticket', async () => ({ url: `${sandbox.wsUrl}?ticket=nope` }), /Invalid ticket/]
  ]
  for (const [name, make, bodyPattern] of cases) {
    it(name, async () => {
      const { url, protocols } = await make()
      const refusal = await expectRefusal(url, { protocols })
      expect(refusal.status).toBe(403)
      expect(refusal.sawWebSocket).toBe(false)
      expect(refusal.headers['content-type']).toBe('application/json')
      expect(JSON.parse(refusal.body).detail).toMatch(bodyPattern)
    })
  }
})
