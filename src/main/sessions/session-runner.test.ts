import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FrameRecord } from '../../shared/api/frame-record'
import { AuthMethodSchema } from '../../shared/api/frame-record'
import { buildUserMessage } from '../../shared/protocol/client-messages'
import { REDACTED, SecretRedactor } from '../../shared/session-log/secret-redactor'
import { applyRecords, createSessionModel } from '../../shared/session-model'
import { startSandbox, type Sandbox } from '../sandbox'
import { SessionRunner, type SessionRunnerOptions } from './session-runner'
import { until } from '../testing/until'

let sandbox: Sandbox
beforeAll(async () => {
  sandbox = await startSandbox({ stepDelayMs: 1 })
})
afterAll(async () => {
  await sandbox.stop()
})

type Overrides = Partial<SessionRunnerOptions> & { url?: string }

/** Start a session and wait until its first attempt has opened or failed. */
async function openSession(overrides: Overrides = {}): Promise<{ session: SessionRunner; records: FrameRecord[] }> {
  const records: FrameRecord[] = []
  const { url, ...rest } = overrides
  const session = new SessionRunner({
    environment: { id: 'sandbox', name: 'Sandbox', kind: 'sandbox' },
    target: { wsUrl: url ?? sandbox.wsUrl, httpBase: sandbox.httpUrl, authBase: sandbox.authUrl },
    authMethod: 'subprotocol',
    token: await sandbox.mintToken(),
    tokenSource: 'test',
    retries: { attempts: 1, delayMs: 0 },
    redactor: new SecretRedactor(),
    onRecord: (record) => records.push(record),
    ...rest
  })
  void session.run()
  await until(() => records.some((record) => record.kind === 'handshake' || record.kind === 'close'))
  return { session, records }
}

describe('SessionRunner against the sandbox', () => {
  it.each(AuthMethodSchema.options.filter((method) => method !== 'none'))('connects with auth method %s', async (authMethod) => {
    const { session, records } = await openSession({ authMethod })
    const handshake = records.find((record) => record.kind === 'handshake')
    expect(handshake).toMatchObject({ ok: true, status: 101 })
    session.close()
    const close = await session.closed
    expect(close).toMatchObject({ code: 1000, initiator: 'client', clean: true })
  })

  it('records the refusal of a connection without a token as an HTTP status, not a close frame', async () => {
    const { session, records } = await openSession({ authMethod: 'none', token: null })
    const handshake = records.find((record) => record.kind === 'handshake')
    expect(handshake).toMatchObject({ ok: false, status: 403 })
    expect(records.filter((record) => record.kind === 'message')).toHaveLength(0)
    expect(await session.closed).toMatchObject({ code: 1006, initiator: 'none', clean: false })
  })

  it('records a refused port as a failed handshake with the socket error', async () => {
    const { session, records } = await openSession({ url: 'ws://127.0.0.1:1/ws' })
    const handshake = records.find((record) => record.kind === 'handshake')
    expect(handshake).toMatchObject({ ok: false, status: null })
    expect(handshake && 'error' in handshake ? handshake.error : '').toMatch(/ECONNREFUSED/)
    await session.closed
  })

  it('runs a whole agent run, stamps monotonic offsets, and never lets the token through', async () => {
    const token = await sandbox.mintToken({ sub: 'user-canary' })
    const { session, records } = await openSession({ token })
    session.send(buildUserMessage('Analyse my cloud costs'))
    await until(() => applyRecords(createSessionModel('x'), records).runs.some((run) => run.status === 'completed'))
    session.close(1000, 'done')
    await session.closed
    const model = applyRecords(createSessionModel('x'), records)
    expect(model.runs[0].agents.map((agent) => agent.agentName)).toEqual(['Supervisor', 'triage', 'data_helper', 'reporting'])
    expect(records.map((record) => record.seq)).toEqual(records.map((_, i) => i))
    for (let i = 1; i < records.length; i++) expect(records[i].t).toBeGreaterThanOrEqual(records[i - 1].t)
    const everything = JSON.stringify(records)
    expect(everything).not.toContain(token)
    expect(everything).not.toContain(Buffer.from(token).toString('base64url'))
    expect(everything).toContain(`jwt.${REDACTED}`)
  })

  it('refuses to send when the session is not open', async () => {
    const { session } = await openSession()
    session.close()
    await session.closed
    expect(() => session.send('{}')).toThrow(/not open/)
  })

  it('explains a missing token for an auth method that needs one', async () => {
    const { session, records } = await openSession({ token: null, authMethod: 'header' })
    expect(records.find((record) => record.kind === 'error')).toMatchObject({ message: expect.stringMatching(/needs a token/) })
    expect(await session.closed).toMatchObject({ code: 1006 })
  })
})

describe('SessionRunner: evidence and retries', () => {
  it('starts with session-start, then the token claims and the preflight evidence, before connecting', async () => {
    const { session, records } = await openSession({
      describeToken: (_token, source) => ({
        kind: 'token',
        dir: 'local',
        source,
        decodable: true,
        claims: { sub: 's', email: null, env: 'development', iss: null, aud: null, token_type: null, iat: null, exp: null, hasJti: true }
      }),
      preflight: async (target, emit) => {
        emit({ kind: 'preflight', dir: 'local', check: 'dns', name: 'dns', target: target.wsUrl, ok: true, ms: 1, status: null, detail: {}, error: null })
      }
    })
    expect(records.slice(0, 4).map((record) => record.kind)).toEqual(['session-start', 'token', 'preflight', 'handshake'])
    session.close()
    await session.closed
  })

  it('a close during preflight abandons it at once: the checks are told, and nothing they say later is recorded', async () => {
    let told: AbortSignal | null = null
    let lateEmit: (() => void) | null = null
    const records: FrameRecord[] = []
    const session = new SessionRunner({
      environment: { id: 'sandbox', name: 'Sandbox', kind: 'sandbox' },
      target: { wsUrl: sandbox.wsUrl, httpBase: sandbox.httpUrl, authBase: null },
      authMethod: 'none',
      token: null,
      tokenSource: 'test',
      retries: { attempts: 1, delayMs: 0 },
      redactor: new SecretRedactor(),
      onRecord: (record) => records.push(record),
      // A preflight that never finishes by itself, like checks stuck on a black-holed host.
      preflight: (target, emit, signal) => {
        told = signal
        lateEmit = () => emit({ kind: 'preflight', dir: 'local', check: 'dns', name: 'dns', target: target.wsUrl, ok: true, ms: 1, status: null, detail: {}, error: null })
        return new Promise(() => undefined)
      }
    })
    void session.run()
    await until(() => told !== null)
    session.close()
    const close = await session.closed
    expect(told!.aborted).toBe(true)
    lateEmit!()
    expect(close).toMatchObject({ initiator: 'client' })
    expect(records.map((record) => record.kind)).toEqual(['session-start', 'note', 'note', 'close'])
    expect(records.some((record) => record.kind === 'handshake')).toBe(false)
  })

  it('retries a refused connection per policy, keeping every attempt, then stops', async () => {
    const started = Date.now()
    const { session, records } = await openSession({ authMethod: 'none', token: null, retries: { attempts: 3, delayMs: 100 } })
    const close = await session.closed
    expect(close.code).toBe(1006)
    const model = applyRecords(createSessionModel('x'), records)
    expect(model.attempts.map((attempt) => [attempt.attempt, attempt.handshake?.status])).toEqual([
      [1, 403],
      [2, 403],
      [3, 403]
    ])
    expect(Date.now() - started).toBeGreaterThanOrEqual(200)
  })

  it('does not retry after the user closed, and stops waiting between attempts when closed', async () => {
    const { session, records } = await openSession({ authMethod: 'none', token: null, retries: { attempts: 5, delayMs: 10_000 } })
    session.close()
    await session.closed
    expect(records.filter((record) => record.kind === 'attempt')).toHaveLength(1)
  })
})

describe('SessionRunner: keepalive duties', () => {
  it('answers a server heartbeat with heartbeat_ack, and sends pings at the chosen interval', async () => {
    const { WebSocketServer } = await import('ws')
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 })
    await new Promise((resolve) => server.once('listening', resolve))
    const received: string[] = []
    server.on('connection', (socket) => {
      socket.on('message', (data) => received.push(JSON.parse(String(data)).type))
      socket.send(JSON.stringify({ type: 'heartbeat', timestamp: Date.now() / 1000 }))
    })
    const port = (server.address() as { port: number }).port
    try {
      const { session } = await openSession({ url: `ws://127.0.0.1:${port}/ws`, authMethod: 'none', token: null, pingIntervalMs: 1000 })
      await until(() => received.includes('heartbeat_ack') && received.includes('ping'), 4000)
      session.close()
      await session.closed
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
