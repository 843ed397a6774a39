import {
  createServer as createHttpServer,
  type IncomingHttpHeaders,
  type Server as HttpServer
} from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import {
  createServer as createTcpServer,
  type AddressInfo,
  type Server as TcpServer,
  type Socket
} from 'node:net'
import { generate } from 'selfsigned'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { FrameRecord } from '../../shared/api/frame-record'
import { diagnose } from '../../shared/diagnosis/diagnose'
import { PREFLIGHT_NAMES, type TlsDetail } from '../../shared/diagnosis/preflight-vocabulary'
import { applyRecords, createSessionModel } from '../../shared/session-model'
import type { PreflightDraft } from './preflight-draft'
import { runPreflight, type PreflightTarget } from './run-preflight'

type Closable = HttpServer | TcpServer
const servers: Closable[] = []
const sockets = new Set<Socket>()

function track<T extends Closable>(server: T): T {
  servers.push(server)
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  return server
}

async function listen(server: Closable): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as AddressInfo).port
}

afterEach(async () => {
  for (const socket of sockets) socket.destroy()
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))))
})

/** A port nothing listens on: bind, note it, close. */
async function freePort(): Promise<number> {
  const server = createTcpServer()
  const port = await listen(server)
  await new Promise((resolve) => server.close(resolve))
  return port
}

const requests: IncomingHttpHeaders[] = []

/** A Netra-like health API: routes answer with the given status and body (objects as JSON). */
function healthApp(
  routes: Record<string, [number, unknown]>
): (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void {
  return (req, res) => {
    requests.push(req.headers)
    const [status, body] = routes[req.url ?? ''] ?? [404, { detail: 'Not Found' }]
    const json = typeof body !== 'string'
    res.writeHead(status, { 'content-type': json ? 'application/json' : 'text/html' })
    res.end(json ? JSON.stringify(body) : body)
  }
}

async function collect(
  target: PreflightTarget,
  timeoutMs = 2000,
  ca?: string
): Promise<Map<string, PreflightDraft>> {
  const drafts: PreflightDraft[] = []
  await runPreflight(target, (draft) => drafts.push(draft), { timeoutMs, ca })
  // Each check emits exactly one record.
  expect(new Set(drafts.map((draft) => draft.name)).size).toBe(drafts.length)
  for (const draft of drafts) expect(draft).toMatchObject({ kind: 'preflight', dir: 'local' })
  return new Map(drafts.map((draft) => [draft.name, draft]))
}

function modelOf(drafts: Iterable<PreflightDraft>): ReturnType<typeof createSessionModel> {
  const records = [...drafts].map((draft, seq) => ({ ...draft, seq, t: seq }) as FrameRecord)
  return applyRecords(createSessionModel('preflight'), records)
}

let certificate: { cert: string; key: string }

beforeAll(async () => {
  // Made at test time: nothing secret or expiring is checked in.
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    notBeforeDate: new Date(Date.now() - 86400000),
    notAfterDate: new Date(Date.now() + 30 * 86400000),
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }] }]
  })
  certificate = { cert: pems.cert, key: pems.private }
})

describe('runPreflight against real loopback servers', () => {
  it('plain ws: DNS, TCP and the five health endpoints with their bodies; no TLS; never a credential', async () => {
    requests.length = 0
    const app = track(
      createHttpServer(
        healthApp({
          '/health': [200, { status: 'ok' }],
          '/health/ready': [
            503,
            { status: 'not_ready', reason: 'Critical service failed: database_postgres' }
          ],
          '/ws/health': [200, '<html>not json</html>'.repeat(200)],
          '/ws/config': [
            200,
            { websocket_config: { heartbeat_interval_seconds: 30 }, environment: 'staging' }
          ]
        })
      )
    )
    const auth = track(
      createHttpServer(
        healthApp({
          '/health': [200, { status: 'healthy', service: 'auth-service', environment: 'staging' }]
        })
      )
    )
    const [port, authPort] = [await listen(app), await listen(auth)]
    const checks = await collect({
      wsUrl: `ws://127.0.0.1:${port}/ws`,
      httpBase: `http://127.0.0.1:${port}/`,
      authBase: `http://127.0.0.1:${authPort}`
    })
    expect([...checks.keys()].sort()).toEqual([
      'GET /health',
      'GET /health/ready',
      'GET /ws/config',
      'GET /ws/health',
      'auth GET /health',
      'dns',
      'tcp'
    ])
    expect(checks.get('dns')).toMatchObject({
      ok: true,
      detail: { addresses: [{ address: '127.0.0.1', family: 4 }] }
    })
    expect(checks.get('tcp')).toMatchObject({ ok: true, target: `127.0.0.1:${port}` })
    expect(checks.get(PREFLIGHT_NAMES.health)).toMatchObject({
      ok: true,
      status: 200,
      detail: { body: { status: 'ok' } }
    })
    expect(checks.get(PREFLIGHT_NAMES.ready)).toMatchObject({
      ok: false,
      status: 503,
      error: null,
      detail: { body: { status: 'not_ready' } }
    })
    const wsHealth = checks.get(PREFLIGHT_NAMES.wsHealth)
    expect(wsHealth).toMatchObject({ status: 200, detail: { truncated: true } })
    expect((wsHealth?.detail.text as string).length).toBe(2048)
    expect(checks.get(PREFLIGHT_NAMES.authHealth)).toMatchObject({
      ok: true,
      status: 200,
      target: `http://127.0.0.1:${authPort}/health`
    })
    // The server's own word about its environment is kept as it said it.
    expect(checks.get(PREFLIGHT_NAMES.wsConfig)).toMatchObject({
      ok: true,
      status: 200,
      target: `http://127.0.0.1:${port}/ws/config`,
      detail: { body: { environment: 'staging' } }
    })
    expect(checks.get(PREFLIGHT_NAMES.authHealth)?.detail).toMatchObject({ body: { environment: 'staging' } })
    for (const draft of checks.values()) expect(draft.ms).toBeGreaterThanOrEqual(0)
    expect(requests).toHaveLength(5)
    for (const headers of requests) {
      expect(headers.authorization).toBeUndefined()
      expect(headers.cookie).toBeUndefined()
      expect(headers['sec-websocket-protocol']).toBeUndefined()
    }
    // The rules read these records: the 503 names the database.
    expect(diagnose(modelOf(checks.values()), { environmentKind: 'local' }).components.database.status).toBe(
      'failing'
    )
  })

  it('skips the HTTP checks whose base is null', async () => {
    const port = await listen(track(createTcpServer()))
    const checks = await collect({ wsUrl: `ws://127.0.0.1:${port}/ws`, httpBase: null, authBase: null })
    expect([...checks.keys()].sort()).toEqual(['dns', 'tcp'])
  })

  it('a refused port: TCP and every HTTP check fail fast with ECONNREFUSED, and the rules say network', async () => {
    const port = await freePort()
    const started = Date.now()
    const checks = await collect({
      wsUrl: `ws://127.0.0.1:${port}/ws`,
      httpBase: `http://127.0.0.1:${port}`,
      authBase: null
    })
    expect(Date.now() - started).toBeLessThan(1500)
    expect(checks.get('tcp')).toMatchObject({ ok: false, detail: { code: 'ECONNREFUSED' } })
    expect(checks.get(PREFLIGHT_NAMES.health)).toMatchObject({
      ok: false,
      status: null,
      detail: { code: 'ECONNREFUSED' }
    })
    const diagnosis = diagnose(modelOf(checks.values()), { environmentKind: 'local' })
    expect(diagnosis.findings[0]).toMatchObject({ component: 'network', code: 'network.connection-refused' })
    expect(diagnosis.findings.map((finding) => finding.code)).not.toContain('server.health-unreachable')
  })

  it('a .invalid host: DNS fails with ENOTFOUND, and nothing else is blamed', async () => {
    const checks = await collect({
      wsUrl: 'wss://netra-diag-test.invalid/ws',
      httpBase: 'https://netra-diag-test.invalid',
      authBase: null
    })
    expect(checks.get('dns')).toMatchObject({ ok: false, detail: { code: 'ENOTFOUND' } })
    expect(checks.get('dns')?.error).toMatch(/ENOTFOUND/)
    expect(checks.get('tcp')?.ok).toBe(false)
    const diagnosis = diagnose(modelOf(checks.values()), { environmentKind: 'custom' })
    expect(diagnosis.findings.map((finding) => finding.code)).toEqual(['network.dns-failed'])
  })

  it('a server that accepts and never answers: each check ends within its time box', async () => {
    const port = await listen(track(createTcpServer(() => undefined)))
    const started = Date.now()
    const checks = await collect(
      { wsUrl: `wss://127.0.0.1:${port}/ws`, httpBase: `http://127.0.0.1:${port}`, authBase: null },
      300
    )
    expect(Date.now() - started).toBeLessThan(1500)
    expect(checks.get('tcp')?.ok).toBe(true)
    for (const name of [
      'tls',
      PREFLIGHT_NAMES.health,
      PREFLIGHT_NAMES.ready,
      PREFLIGHT_NAMES.wsHealth,
      PREFLIGHT_NAMES.wsConfig
    ]) {
      expect(checks.get(name), name).toMatchObject({
        ok: false,
        detail: { timedOut: true, code: 'ETIMEDOUT' }
      })
      expect(checks.get(name)?.error).toBe('ETIMEDOUT: no answer within 300 ms')
    }
    const codes = diagnose(modelOf(checks.values()), { environmentKind: 'custom' }).findings.map(
      (finding) => finding.code
    )
    expect(codes).toEqual(expect.arrayContaining(['tls.handshake-failed', 'server.health-unreachable']))
  })

  it('a cancel signal ends preflight at once: the stuck checks are abandoned, their sockets closed, nothing more emitted', async () => {
    const opened: Socket[] = []
    const closed = new Set<Socket>()
    const server = track(
      createTcpServer((socket) => {
        opened.push(socket)
        socket.on('error', () => undefined)
        socket.once('close', () => closed.add(socket))
        // Reading lets the client's FIN arrive; it still never answers.
        socket.resume()
      })
    )
    const port = await listen(server)
    const drafts: PreflightDraft[] = []
    const controller = new AbortController()
    const done = runPreflight(
      { wsUrl: `wss://127.0.0.1:${port}/ws`, httpBase: `http://127.0.0.1:${port}`, authBase: null },
      (draft) => drafts.push(draft),
      { timeoutMs: 60_000, signal: controller.signal }
    )
    // TCP answers at once; TLS and the five HTTP checks hang on a server that never speaks.
    const end = Date.now() + 5000
    while (!(drafts.some((draft) => draft.name === 'tcp') && opened.length >= 6) && Date.now() < end)
      await new Promise((resolve) => setTimeout(resolve, 10))
    const before = drafts.length
    controller.abort()
    await done
    expect(drafts).toHaveLength(before)
    expect(drafts.map((draft) => draft.name)).not.toContain(PREFLIGHT_NAMES.wsConfig)
    // Every socket a check opened is closed by the client, not left to its 60 s time box.
    const stillOpen = (): number => opened.filter((socket) => !closed.has(socket)).length
    const until = Date.now() + 2000
    while (stillOpen() > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10))
    expect(stillOpen()).toBe(0)
  })

  describe('TLS with a self-signed certificate made at test time', () => {
    async function httpsPort(): Promise<number> {
      return listen(
        track(
          createHttpsServer(
            certificate,
            healthApp({ '/health': [200, { status: 'healthy', checks: { postgres: true, redis: false } }] })
          )
        )
      )
    }

    it('reads the certificate: self-signed, issuer, subject, days left, host name ok', async () => {
      const port = await httpsPort()
      const checks = await collect({
        wsUrl: `wss://localhost:${port}/ws`,
        httpBase: `https://localhost:${port}`,
        authBase: null
      })
      const tls = checks.get('tls')
      const detail = tls?.detail as TlsDetail
      expect(tls).toMatchObject({ ok: false, target: `localhost:${port}` })
      expect(detail).toMatchObject({
        servername: 'localhost',
        authorized: false,
        authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT',
        selfSigned: true,
        hostnameMatches: true
      })
      expect(detail.protocol).toMatch(/^TLSv1\.[23]$/)
      expect(detail.cipher).toBeTruthy()
      expect(detail.certificate).toMatchObject({
        subject: 'CN=localhost',
        issuer: 'CN=localhost',
        subjectAltName: 'DNS:localhost'
      })
      expect([29, 30]).toContain(detail.certificate?.daysLeft)
      // The health GET still gets its answer over the untrusted certificate.
      expect(checks.get(PREFLIGHT_NAMES.health)).toMatchObject({
        status: 200,
        detail: { body: { checks: { redis: false } } }
      })
      const diagnosis = diagnose(modelOf(checks.values()), { environmentKind: 'custom' })
      expect(diagnosis.findings[0]).toMatchObject({
        component: 'tls',
        code: 'tls.self-signed',
        severity: 'error'
      })
      expect(diagnosis.findings[0].evidence.map((item) => item.label)).toEqual(
        expect.arrayContaining(['certificate issuer', 'valid'])
      )
    })

    it('flags a host name the certificate does not cover', async () => {
      const port = await httpsPort()
      const checks = await collect({ wsUrl: `wss://127.0.0.1:${port}/ws`, httpBase: null, authBase: null })
      const detail = checks.get('tls')?.detail as TlsDetail
      expect(detail.hostnameMatches).toBe(false)
      expect(detail.hostnameError).toMatch(/127\.0\.0\.1/)
      const codes = diagnose(modelOf(checks.values()), { environmentKind: 'custom' }).findings.map(
        (finding) => finding.code
      )
      expect(codes).toEqual(expect.arrayContaining(['tls.self-signed', 'tls.hostname-mismatch']))
    })

    it('trusts the certificate when its CA is given', async () => {
      const port = await httpsPort()
      const checks = await collect(
        { wsUrl: `wss://localhost:${port}/ws`, httpBase: null, authBase: null },
        2000,
        certificate.cert
      )
      expect(checks.get('tls')).toMatchObject({
        ok: true,
        error: null,
        detail: { authorized: true, selfSigned: true }
      })
      expect(diagnose(modelOf(checks.values()), { environmentKind: 'custom' }).components.tls.status).toBe(
        'ok'
      )
    })

    it('a plain-TCP port spoken to in TLS fails the handshake, not the time box', async () => {
      const http = track(createHttpServer(healthApp({})))
      const port = await listen(http)
      const checks = await collect({ wsUrl: `wss://127.0.0.1:${port}/ws`, httpBase: null, authBase: null })
      expect(checks.get('tls')).toMatchObject({ ok: false })
      expect(checks.get('tls')?.detail.timedOut).toBeUndefined()
    })
  })

  it('an invalid WebSocket URL still yields one failed record per check', async () => {
    const checks = await collect({ wsUrl: 'http://not-a-ws-url', httpBase: null, authBase: null })
    expect([...checks.values()].map((draft) => [draft.name, draft.ok])).toEqual([
      ['dns', false],
      ['tcp', false]
    ])
  })
})
