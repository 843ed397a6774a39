import { describe, expect, it } from 'vitest'
import { PREFLIGHT_NAMES } from '../preflight-vocabulary'
import { diagnoseBuilt } from '../testing/diagnose-built'
import { sandboxHealth, wsHealthBody } from '../testing/sandbox-wire'
import { SessionBuilder } from '../testing/session-builder'

const base = () => new SessionBuilder().start().token().reachable()
const connected = (builder: SessionBuilder) =>
  builder.accepted().greeting().wait(10).close(1000, '', 'client')

describe('health endpoint rules', () => {
  it('/ws/health service_availability gives each component its status and source', () => {
    const body = wsHealthBody(new Set(['redis-degraded']))
    const diagnosis = diagnoseBuilt(connected(base().http(PREFLIGHT_NAMES.wsHealth, 200, body)))
    expect(diagnosis.components.redis).toMatchObject({
      status: 'degraded',
      findingCodes: ['redis.health-degraded']
    })
    expect(diagnosis.components.redis.sources).toContain(
      '/ws/health optional_services.database_redis: degraded (Redis latency above 400 ms)'
    )
    expect(diagnosis.components.database.status).toBe('ok')
    expect(diagnosis.components.dependencies.sources).toContain(
      '/ws/health optional_services.thread_service: healthy'
    )
    expect(diagnosis.components.clickhouse).toMatchObject({
      status: 'unknown',
      sources: ['no evidence about this component']
    })
  })

  it('a failing critical service is an error, a failing optional one a warning', () => {
    expect(
      diagnoseBuilt(
        connected(base().http(PREFLIGHT_NAMES.wsHealth, 200, wsHealthBody(new Set(['database-down']))))
      ).findings.find((f) => f.component === 'database')?.severity
    ).toBe('error')
    expect(
      diagnoseBuilt(
        connected(base().http(PREFLIGHT_NAMES.wsHealth, 200, wsHealthBody(new Set(['bridge-failure']))))
      ).findings[0]
    ).toMatchObject({ code: 'agent-bridge.health-failing', severity: 'warning' })
  })

  it('components.manager / message_router false are the manager and the handler', () => {
    const body = {
      status: 'unhealthy',
      components: { manager: false, message_router: false, connection_monitor: true }
    }
    const codes = diagnoseBuilt(base().http(PREFLIGHT_NAMES.wsHealth, 200, body)).codes
    expect(codes).toEqual(
      expect.arrayContaining(['websocket-manager.health-failing', 'message-handler.health-failing'])
    )
  })

  it('/ws/health outranks /health checks for the same component', () => {
    const builder = base()
      .http(PREFLIGHT_NAMES.health, 200, { status: 'healthy', checks: { redis: false, postgres: true } })
      .http(PREFLIGHT_NAMES.wsHealth, 200, wsHealthBody(new Set(['redis-degraded'])))
    expect(diagnoseBuilt(connected(builder)).components.redis.status).toBe('degraded')
  })

  it('/health 503 startup_in_progress: the server is starting', () => {
    const diagnosis = diagnoseBuilt(sandboxHealth(base(), new Set(['cold-start'])))
    expect(diagnosis.findings[0]).toMatchObject({
      component: 'server',
      code: 'server.health-failing',
      title: 'The server is still starting up'
    })
  })

  it('/health/ready store strings map to their components', () => {
    const body = {
      status: 'not_ready',
      core_db: 'connected',
      clickhouse_db: 'failed',
      redis_db: 'vpc_connectivity_degraded'
    }
    const diagnosis = diagnoseBuilt(base().http(PREFLIGHT_NAMES.ready, 503, body))
    expect(diagnosis.components.clickhouse.status).toBe('failing')
    expect(diagnosis.components.redis.status).toBe('degraded')
    expect(diagnosis.components.database.status).toBe('ok')
    expect(diagnosis.codes).not.toContain('server.health-failing')
  })

  it('/health 503 whose checks name a store blames the store, not the process', () => {
    const diagnosis = diagnoseBuilt(sandboxHealth(base(), new Set(['database-down']), 'component-codes'))
    expect(diagnosis.components.database.status).toBe('failing')
    expect(diagnosis.components.server.status).toBe('ok')
  })

  it('a gateway page instead of JSON, and an endpoint that never answered', () => {
    const builder = base()
      .http(PREFLIGHT_NAMES.health, 502, undefined, { text: '<html>502 Bad Gateway</html>' })
      .http(PREFLIGHT_NAMES.ready, 200, undefined, { text: '<html>Sign in</html>' })
      .http(PREFLIGHT_NAMES.wsHealth, null, undefined, {
        error: 'no answer within 5000 ms',
        timedOut: true,
        ms: 5000
      })
    const diagnosis = diagnoseBuilt(builder)
    expect(diagnosis.findings[0]).toMatchObject({ code: 'gateway.health-bad-gateway', severity: 'error' })
    expect(diagnosis.codes).toEqual(
      expect.arrayContaining(['gateway.health-not-json', 'server.health-unreachable'])
    )
  })

  it('the auth service: down fails auth, unless a session got through anyway; healthy makes auth ok', () => {
    const down = base().http(PREFLIGHT_NAMES.authHealth, 503, { status: 'unhealthy', reason: 'db down' })
    expect(diagnoseBuilt(down).findings[0]).toMatchObject({ code: 'auth.health-failing', severity: 'error' })
    expect(diagnoseBuilt(connected(down)).findings[0]).toMatchObject({
      code: 'auth.health-failing',
      severity: 'warning'
    })
    const unreachable = base().http(PREFLIGHT_NAMES.authHealth, null, undefined, {
      error: 'connect ECONNREFUSED 127.0.0.1:8081'
    })
    expect(diagnoseBuilt(unreachable).codes).toContain('auth.service-unreachable')
    expect(
      diagnoseBuilt(
        base().http(PREFLIGHT_NAMES.authHealth, 200, { status: 'healthy', database_status: 'connected' })
      ).components.auth.status
    ).toBe('ok')
  })
})

describe('preflight network rules', () => {
  const start = () => new SessionBuilder({ kind: 'staging', url: 'wss://api.staging.example/ws' }).start()
  it('DNS failure; TCP and TLS failures that follow from it are not repeated', () => {
    const builder = start()
      .preflight({
        check: 'dns',
        name: 'dns',
        target: 'nowhere.invalid',
        ok: false,
        ms: 3,
        status: null,
        detail: { host: 'nowhere.invalid', code: 'ENOTFOUND' },
        error: 'ENOTFOUND: getaddrinfo ENOTFOUND nowhere.invalid'
      })
      .preflight({
        check: 'tcp',
        name: 'tcp',
        target: 'nowhere.invalid:443',
        ok: false,
        ms: 3,
        status: null,
        detail: { code: 'ENOTFOUND' },
        error: 'getaddrinfo ENOTFOUND'
      })
      .preflight({
        check: 'tls',
        name: 'tls',
        target: 'nowhere.invalid:443',
        ok: false,
        ms: 3,
        status: null,
        detail: { code: 'ENOTFOUND' },
        error: 'getaddrinfo ENOTFOUND'
      })
    const diagnosis = diagnoseBuilt(builder, { environmentKind: 'staging' })
    expect(diagnosis.codes).toEqual(['network.dns-failed'])
    expect(diagnosis.findings[0].title).toMatch(/does not exist in DNS/)
  })
  it.each([
    [{ code: 'ECONNREFUSED' }, 'connect ECONNREFUSED', 'network.connection-refused'],
    [{ code: 'ETIMEDOUT', timedOut: true }, 'no answer within 5000 ms', 'network.tcp-timeout'],
    [{ code: 'ECONNRESET' }, 'read ECONNRESET', 'network.connection-reset']
  ])('TCP %j → %s', (detail, error, code) => {
    const builder = start().preflight({
      check: 'tcp',
      name: 'tcp',
      target: 'h:443',
      ok: false,
      ms: 5000,
      status: null,
      detail,
      error
    })
    expect(diagnoseBuilt(builder).findings[0].code).toBe(code)
  })
  const certificate = (daysLeft: number, issuer = 'CN=localhost') => ({
    subject: 'CN=localhost',
    issuer,
    validFrom: 'Sep 14 10:00:00 2025 GMT',
    validTo: 'Oct 14 10:00:00 2025 GMT',
    daysLeft,
    subjectAltName: 'DNS:localhost',
    fingerprint256: null
  })
  it.each([
    [
      {
        protocol: 'TLSv1.3',
        authorized: false,
        authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT',
        selfSigned: true,
        hostnameMatches: true,
        certificate: certificate(30)
      },
      ['tls.self-signed']
    ],
    [
      {
        protocol: 'TLSv1.3',
        authorized: false,
        authorizationError: 'CERT_HAS_EXPIRED',
        selfSigned: false,
        hostnameMatches: true,
        certificate: certificate(-3, 'CN=Some CA')
      },
      ['tls.certificate-expired']
    ],
    [
      {
        protocol: 'TLSv1.3',
        authorized: true,
        authorizationError: null,
        selfSigned: false,
        hostnameMatches: false,
        hostnameError: "Host: api. is not in the cert's altnames",
        certificate: certificate(30, 'CN=CA')
      },
      ['tls.hostname-mismatch']
    ],
    [
      {
        protocol: 'TLSv1.2',
        authorized: true,
        selfSigned: false,
        hostnameMatches: true,
        certificate: certificate(5, 'CN=CA')
      },
      ['tls.certificate-expiring']
    ],
    [
      {
        protocol: 'TLSv1',
        authorized: true,
        selfSigned: false,
        hostnameMatches: true,
        certificate: certificate(300, 'CN=CA')
      },
      ['tls.old-protocol']
    ],
    [
      {
        protocol: 'TLSv1.3',
        authorized: false,
        authorizationError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
        selfSigned: false,
        hostnameMatches: true,
        certificate: certificate(300, 'CN=CA')
      },
      ['tls.untrusted']
    ],
    [
      {
        protocol: 'TLSv1.3',
        authorized: true,
        selfSigned: true,
        hostnameMatches: true,
        certificate: certificate(300)
      },
      []
    ]
  ])('TLS evidence %#', (detail, codes) => {
    const builder = start().preflight({
      check: 'tls',
      name: 'tls',
      target: 'h:443',
      ok: false,
      ms: 12,
      status: null,
      detail: { host: 'h', port: 443, servername: 'h', ...detail },
      error: null
    })
    expect(diagnoseBuilt(builder).codes).toEqual(codes)
  })
  it('a TLS handshake that failed outright', () => {
    const builder = start().preflight({
      check: 'tls',
      name: 'tls',
      target: 'h:443',
      ok: false,
      ms: 12,
      status: null,
      detail: { code: 'EPROTO' },
      error: 'wrong version number'
    })
    expect(diagnoseBuilt(builder).findings[0]).toMatchObject({
      code: 'tls.handshake-failed',
      component: 'tls'
    })
  })
})
