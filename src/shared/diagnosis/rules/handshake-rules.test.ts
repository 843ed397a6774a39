import { describe, expect, it } from 'vitest'
import { diagnoseBuilt, startedSession } from '../testing/diagnose-built'
import { PREFLIGHT_NAMES } from '../preflight-vocabulary'
import { SessionBuilder, WALL_CLOCK } from '../testing/session-builder'

const refusedWith = (
  status: number | null,
  body: unknown,
  options: Parameters<SessionBuilder['refused']>[2] = {}
) => diagnoseBuilt(startedSession(new SessionBuilder()).refused(status, body, options))

describe('handshake rules: a refusal before accept, read from its body', () => {
  it.each([
    [
      { detail: 'Authentication failed: Token expired', error_code: 'AUTH_FAILED' },
      'auth.server-token-expired'
    ],
    [
      {
        detail: 'Authentication failed: Token environment mismatch: token env=staging, server env=production'
      },
      'auth.env-mismatch'
    ],
    [{ detail: 'Authentication failed: Token too old (issued more than 24 h ago)' }, 'auth.token-too-old'],
    [{ detail: 'Authentication failed: Token missing required claim: jti' }, 'auth.token-missing-claims'],
    [{ detail: 'Authentication failed: Ticket expired or already used' }, 'auth.ticket-rejected'],
    [
      { detail: 'Authentication failed: Token rejected by auth service', error_code: 'AUTH_FAILED' },
      'auth.upgrade-refused'
    ]
  ])('403 %j → %s', (body, code) => {
    const diagnosis = refusedWith(403, body)
    expect(diagnosis.findings[0]).toMatchObject({ code, component: 'auth', severity: 'error', confidence: 'certain' })
    expect(diagnosis.verdict).toBe('failing')
    expect(diagnosis.findings[0].evidence.map((item) => item.label)).toContain('refusal body')
  })

  it('names the environments of an env mismatch', () => {
    const diagnosis = refusedWith(403, {
      detail: 'Authentication failed: Token environment mismatch: token env=staging, server env=production'
    })
    expect(diagnosis.findings[0].explanation).toMatch(/"staging".*"production"/)
  })

  it('403 "Service not ready: <services>" names the service\'s component, not auth', () => {
    const diagnosis = refusedWith(403, {
      detail: 'Service not ready: database_redis, agent_supervisor',
      error_code: 'SERVICE_NOT_READY'
    })
    expect(diagnosis.findings[0]).toMatchObject({ component: 'redis', code: 'redis.not-ready-refusal' })
    expect(diagnosis.findings[0].title).toMatch(/database_redis, agent_supervisor/)
  })

  it('403 "No matching subprotocol" is auth: the credential\'s presentation was refused', () => {
    expect(
      refusedWith(
        403,
        { detail: 'No matching subprotocol', error_code: 'SUBPROTOCOL_MISMATCH' },
        { offered: ['jwt-auth'] }
      ).findings[0]
    ).toMatchObject({ component: 'auth', code: 'auth.subprotocol-mismatch', confidence: 'certain' })
  })

  it('a bare 403 says auth is likelier (only possible), and mentions the subprotocols it offered', () => {
    for (const body of [null, 'Forbidden', '<html><head><title>403 Forbidden</title></head><body><center><h1>403 Forbidden</h1></center><hr><center>nginx</center></body></html>']) {
      const finding = refusedWith(403, body, { offered: ['jwt.x'] }).findings[0]
      expect(finding, String(body)).toMatchObject({ component: 'auth', code: 'auth.upgrade-refused', confidence: 'possible' })
      expect(finding.explanation).toMatch(/subprotocol mismatch/)
    }
  })


  it.each([
    [502, '<html><body>502 Bad Gateway</body></html>', 'gateway', 'gateway.upgrade-bad-gateway'],
    [504, '', 'gateway', 'gateway.upgrade-bad-gateway'],
    [503, { detail: 'Server shutting down' }, 'server', 'server.upgrade-unavailable'],
    [500, { detail: 'Internal Server Error' }, 'server', 'server.upgrade-error'],
    [404, { detail: 'Not Found' }, 'client', 'client.wrong-path'],
    [400, { detail: 'Unknown mode: turbo' }, 'client', 'client.bad-upgrade-request'],
    [429, { detail: 'Too many requests' }, 'client', 'client.rate-limited'],
    [301, '', 'gateway', 'gateway.upgrade-redirected'],
    [200, '<html>login</html>', 'client', 'client.not-websocket']
  ])('HTTP %i → %s', (status, body, component, code) => {
    expect(refusedWith(status, body).findings[0]).toMatchObject({ component, code })
  })

  it.each([
    ['getaddrinfo ENOTFOUND api.nowhere.invalid', 'network.dns-failed'],
    ['connect ECONNREFUSED 127.0.0.1:9', 'network.connection-refused'],
    ['read ECONNRESET', 'network.connection-reset'],
    ['connect ETIMEDOUT 10.0.0.1:443', 'network.unreachable'],
    ['self-signed certificate', 'tls.handshake-failed'],
    ["Hostname/IP does not match certificate's altnames", 'tls.handshake-failed'],
    ['Opening handshake has timed out', 'server.upgrade-timeout'],
    ['Invalid URL', 'client.invalid-url'],
    ['something nobody anticipated', 'server.upgrade-failed']
  ])('no HTTP answer: "%s" → %s', (error, code) => {
    expect(refusedWith(null, null, { error }).findings[0].code).toBe(code)
  })

  it('an auth step that failed before the upgrade is an auth finding', () => {
    const builder = startedSession(new SessionBuilder())
      .push({ kind: 'error', dir: 'local', message: 'ticket auth needs a token', code: 'auth-setup' })
      .close(1006, '', 'none')
    expect(diagnoseBuilt(builder).findings[0]).toMatchObject({ code: 'auth.setup-failed', component: 'auth' })
  })
})

describe('handshake rules: retries keep every attempt', () => {
  const gateway = (builder: SessionBuilder, attempt: number) =>
    builder
      .attempt(attempt, 3, attempt === 1 ? 0 : 1000)
      .wait(5)
      .refused(502, 'bad gateway')
      .wait(1000)

  it("merges the same refusal on every attempt into one finding with each attempt's evidence", () => {
    let builder = startedSession(new SessionBuilder())
    for (const attempt of [1, 2, 3]) builder = gateway(builder, attempt)
    const diagnosis = diagnoseBuilt(builder)
    expect(diagnosis.codes.filter((code) => code === 'gateway.upgrade-bad-gateway')).toHaveLength(1)
    expect(
      diagnosis.findings[0].evidence
        .filter((item) => item.label.startsWith('upgrade'))
        .map((item) => item.label)
    ).toEqual(['upgrade (attempt 1 of 3)', 'upgrade (attempt 2 of 3)', 'upgrade (attempt 3 of 3)'])
    expect(diagnosis.summary).toMatch(/3 of 3 attempts failed/)
  })

  it('a failure a later attempt recovered from degrades instead of failing', () => {
    const builder = gateway(startedSession(new SessionBuilder()), 1)
      .attempt(2, 3, 1000)
      .accepted()
      .greeting()
      .wait(10)
      .close(1000, 'done', 'client')
    const diagnosis = diagnoseBuilt(builder)
    expect(diagnosis.verdict).toBe('degraded')
    expect(diagnosis.findings[0]).toMatchObject({ code: 'gateway.upgrade-bad-gateway', severity: 'warning' })
    expect(diagnosis.findings[0].title).toMatch(/attempt 1; a later attempt succeeded/)
  })
})

const READINESS_BODIES: Array<[string, unknown, string, string[]]> = [
  ['FastAPI detail', { detail: 'Service not ready: database_postgres' }, 'database', ['database_postgres']],
  ['message field', { message: 'Service not ready: database_postgres, database_redis' }, 'database', ['database_postgres', 'database_redis']],
  ['nested error', { error: { code: 'SERVICE_NOT_READY', message: 'Service not ready: authentication' } }, 'auth', ['authentication']],
  ['reason field', { reason: 'Service not ready: agent_supervisor' }, 'agent-supervisor', ['agent_supervisor']],
  ['plain text', 'Service not ready: database_redis', 'redis', ['database_redis']]
]

describe('handshake rules: read what a refusal says', () => {
  it.each(READINESS_BODIES)('%s: "Service not ready" is readiness of the named services, not auth', (_shape, body, component, services) => {
    const finding = refusedWith(403, body).findings[0]
    expect(finding).toMatchObject({ component, code: `${component}.not-ready-refusal`, severity: 'error', confidence: 'certain' })
    for (const service of services) expect(finding.title).toContain(service)
  })

  it.each([
    [{ detail: 'Token is malformed' }, 'auth.token-invalid'],
    [{ error: 'invalid token signature' }, 'auth.token-invalid'],
    [{ message: 'JWT expired' }, 'auth.server-token-expired'],
    ['Unauthorized: token expired', 'auth.server-token-expired']
  ])('a body about the token is auth, certain: %j → %s', (body, code) => {
    expect(refusedWith(401, body).findings[0]).toMatchObject({ component: 'auth', code, confidence: 'certain' })
  })

  it('"no token" with no credential sent: auth says none arrived', () => {
    const builder = new SessionBuilder().start('none').reachable().wait(5)
      .refused(403, { detail: 'Authentication failed: No token provided (use Authorization header…)' }, { offered: [] })
    expect(diagnoseBuilt(builder).findings[0]).toMatchObject({ component: 'auth', code: 'auth.no-token', confidence: 'certain' })
  })

  it('"no token" when a valid, unexpired token was sent: a proxy dropped it (gateway)', () => {
    const finding = refusedWith(403, { detail: 'Missing authorization token' }).findings[0]
    expect(finding).toMatchObject({ component: 'gateway', code: 'gateway.credential-dropped', confidence: 'likely' })
  })

  it('"no token" when the token sent had expired: still auth, the token is the problem', () => {
    const builder = new SessionBuilder().start().token({ exp: WALL_CLOCK / 1000 - 60 }).reachable().wait(5)
      .refused(403, { detail: 'Missing authorization token' })
    expect(diagnoseBuilt(builder).findings[0]).toMatchObject({ component: 'auth', code: 'auth.no-token' })
  })

  const deniedHealth = (builder: SessionBuilder, availability: Record<string, unknown>) =>
    builder.http(PREFLIGHT_NAMES.wsHealth, 200, {
      status: 'unhealthy',
      service_availability: {
        allow_websocket_connections: false,
        critical_services: {
          authentication: { available: true, status: 'healthy' },
          database_postgres: { available: false, status: 'failed', error: 'connection refused' }
        },
        optional_services: {},
        ...availability
      }
    })

  it('an empty 403 while /ws/health denies connections names the failed critical service (likely)', () => {
    for (const denial of ['Critical service failed: database_postgres', null]) {
      const builder = deniedHealth(new SessionBuilder().start().token().reachable(), { denial_reason: denial }).wait(5).refused(403, '')
      expect(diagnoseBuilt(builder).findings[0], String(denial)).toMatchObject({
        component: 'database',
        code: 'database.not-ready-refusal',
        confidence: 'likely',
        severity: 'error'
      })
    }
  })

  it('a body that speaks outranks the health endpoints', () => {
    const builder = deniedHealth(new SessionBuilder().start().token().reachable(), { denial_reason: 'Critical service failed: database_postgres' })
      .wait(5)
      .refused(403, { detail: 'Authentication failed: Token expired' })
    expect(diagnoseBuilt(builder).findings[0]).toMatchObject({ component: 'auth', code: 'auth.server-token-expired' })
  })

  it('keeps the refusal headers a careful engineer would look at', () => {
    const finding = refusedWith(403, 'Forbidden', { headers: { 'Content-Type': 'text/plain', Server: 'nginx/1.25' } }).findings[0]
    expect(finding.evidence).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ label: 'content-type', value: 'text/plain' }),
        expect.objectContaining({ label: 'server', value: 'nginx/1.25' })
      ])
    )
  })
})

describe('handshake rules: two explanations that fit equally are both named', () => {
  it('a bare 403 from behind a proxy: auth or the proxy, and the summary says so', () => {
    const diagnosis = refusedWith(403, '<html><body><h1>403 Forbidden</h1></body></html>', { headers: { Server: 'nginx/1.25' } })
    expect(diagnosis.contenders).toEqual(['auth', 'gateway'])
    expect(diagnosis.findings.slice(0, 2).map((finding) => [finding.component, finding.confidence])).toEqual([
      ['auth', 'possible'],
      ['gateway', 'possible']
    ])
    expect(diagnosis.summary).toMatch(/fits another explanation equally well: Authentication or Gateway \/ proxy \(possible\)/)
  })

  it('a body that speaks leaves no rival', () => {
    const diagnosis = refusedWith(403, { detail: 'Authentication failed: Token expired' }, { headers: { Server: 'nginx/1.25' } })
    expect(diagnosis.contenders).toEqual([])
    expect(diagnosis.codes).not.toContain('gateway.upgrade-forbidden')
  })
})
