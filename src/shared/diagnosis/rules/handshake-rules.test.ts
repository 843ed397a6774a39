import { describe, expect, it } from 'vitest'
import { diagnoseBuilt, startedSession } from '../testing/diagnose-built'
import { SessionBuilder } from '../testing/session-builder'

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
    [{ detail: 'Authentication failed: No token provided (use Authorization header…)' }, 'auth.no-token'],
    [{ detail: 'Authentication failed: Ticket expired or already used' }, 'auth.ticket-rejected'],
    [
      { detail: 'Authentication failed: Token rejected by auth service', error_code: 'AUTH_FAILED' },
      'auth.upgrade-refused'
    ]
  ])('403 %j → %s', (body, code) => {
    const diagnosis = refusedWith(403, body)
    expect(diagnosis.findings[0]).toMatchObject({ code, component: 'auth', severity: 'error' })
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

  it('403 "No matching subprotocol" is the client\'s offer', () => {
    expect(
      refusedWith(
        403,
        { detail: 'No matching subprotocol', error_code: 'SUBPROTOCOL_MISMATCH' },
        { offered: ['jwt-auth'] }
      ).findings[0]
    ).toMatchObject({ component: 'client', code: 'client.subprotocol-mismatch' })
  })

  it('a bare 403 says auth is likelier, and mentions the subprotocols it offered', () => {
    const finding = refusedWith(403, null, { offered: ['jwt.x'] }).findings[0]
    expect(finding).toMatchObject({ component: 'auth', code: 'auth.upgrade-refused' })
    expect(finding.explanation).toMatch(/subprotocol mismatch/)
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
