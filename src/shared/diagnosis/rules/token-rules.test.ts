import { describe, expect, it } from 'vitest'
import type { TokenRecord } from '../../api/frame-record'
import { diagnoseBuilt } from '../testing/diagnose-built'
import { SessionBuilder, WALL_CLOCK } from '../testing/session-builder'
import { judgeTokenClaims } from './token-rules'

const NOW_S = WALL_CLOCK / 1000
const valid: TokenRecord['claims'] = {
  sub: 'u-1',
  email: null,
  env: 'staging',
  iss: 'netra-auth-service',
  aud: 'netra-platform',
  token_type: 'access',
  iat: NOW_S - 60,
  exp: NOW_S + 1800,
  hasJti: true
}
const record = (claims: Partial<TokenRecord['claims']> = {}, decodable = true): TokenRecord => ({
  seq: 1,
  t: 0,
  kind: 'token',
  dir: 'local',
  source: 'env:NETRA_DIAG_TOKEN',
  decodable,
  claims: { ...valid, ...claims }
})
const judge = (
  claims: Partial<TokenRecord['claims']> = {},
  options: Partial<Parameters<typeof judgeTokenClaims>[1]> = {}
) =>
  judgeTokenClaims(record(claims), {
    nowMs: WALL_CLOCK,
    presentedMs: WALL_CLOCK,
    expectedEnv: 'staging',
    accepted: false,
    ...options
  }).map((finding) => [finding.code, finding.severity])

describe('token claim rules (PROTOCOL.md §2)', () => {
  it('a good token has no findings', () => {
    expect(judge()).toEqual([])
  })
  it.each([
    [{ exp: NOW_S - 10 }, 'auth.token-expired', 'error'],
    [{ exp: NOW_S + 240 }, 'auth.token-expiring-soon', 'info'],
    [{ env: 'production' }, 'auth.token-wrong-env', 'error'],
    [{ iss: 'someone-else' }, 'auth.token-wrong-issuer', 'error'],
    [{ aud: 'other-platform' }, 'auth.token-wrong-audience', 'error'],
    [{ aud: ['a', 'b'] }, 'auth.token-wrong-audience', 'error'],
    [{ exp: null }, 'auth.token-missing-claims', 'error'],
    [{ hasJti: false }, 'auth.token-missing-claims', 'error'],
    [{ sub: null }, 'auth.token-missing-claims', 'error'],
    [{ iat: NOW_S - 25 * 3600, exp: NOW_S + 600 }, 'auth.token-too-old', 'error'],
    [{ iat: NOW_S + 600 }, 'auth.token-issued-in-future', 'warning'],
    [{ token_type: 'refresh' }, 'auth.token-wrong-type', 'error'],
    [{ iss: null }, 'auth.token-unverifiable-origin', 'warning']
  ])('%j → %s (%s)', (claims, code, severity) => {
    expect(judge(claims)).toContainEqual([code, severity])
  })
  it('accepts an audience list that includes netra-platform', () => {
    expect(judge({ aud: ['x', 'netra-platform'] })).toEqual([])
  })
  it('names the missing claims', () => {
    const [finding] = judgeTokenClaims(record({ iat: null, hasJti: false }), {
      nowMs: WALL_CLOCK,
      presentedMs: WALL_CLOCK,
      expectedEnv: null,
      accepted: false
    })
    expect(finding.title).toBe('The token lacks required claims: iat, jti')
  })
  it('a token that expired after it was presented is only a note: the session it opened worked', () => {
    expect(judge({ exp: NOW_S + 30 }, { nowMs: WALL_CLOCK + 60000 })).toEqual([
      ['auth.token-expired-during-session', 'info']
    ])
  })
  it('claims the server accepted anyway are notes, never faults of this session', () => {
    expect(judge({ iss: 'someone-else' }, { accepted: true })).toEqual([['auth.token-wrong-issuer', 'info']])
    expect(judge({ env: 'production' }, { accepted: true })).toEqual([['auth.token-wrong-env', 'info']])
    expect(judge({ iss: null }, { accepted: true })).toEqual([['auth.token-unverifiable-origin', 'info']])
  })
  it('normalises env spellings before comparing (stg = staging, prod = production, dev = development)', () => {
    expect(judge({ env: 'stg' })).toEqual([])
    expect(judge({ env: 'STAGE' })).toEqual([])
    expect(judge({ env: 'prod' }, { expectedEnv: 'production' })).toEqual([])
    expect(judge({ env: 'dev' }, { expectedEnv: 'local' })).toEqual([])
    expect(judge({ env: 'prod' })).toEqual([['auth.token-wrong-env', 'error']])
  })
  it('an undecodable token is an error and nothing else is judged', () => {
    expect(
      judgeTokenClaims(record({}, false), {
        nowMs: WALL_CLOCK,
        presentedMs: null,
        expectedEnv: 'staging',
        accepted: false
      }).map((f) => f.code)
    ).toEqual(['auth.token-undecodable'])
  })
  it('without a clock, expiry is not judged', () => {
    expect(judge({ exp: NOW_S - 10 }, { nowMs: null })).toEqual([])
  })
})

describe('token rules in a session: the environment kind gives the expected env', () => {
  const session = (kind: 'staging' | 'production' | 'sandbox' | 'local', env: string) =>
    new SessionBuilder({ kind, url: 'wss://api.staging.netrasystems.ai/ws' })
      .start()
      .token({ env })
      .wait(5)
      .refused(403, { detail: 'Authentication failed: Token environment mismatch' })
  it('a staging token against production', () => {
    expect(
      diagnoseBuilt(session('production', 'staging'), { environmentKind: 'production' }).codes
    ).toContain('auth.token-wrong-env')
  })
  it('local servers run as development', () => {
    expect(diagnoseBuilt(session('local', 'staging'), { environmentKind: 'local' }).codes).toContain(
      'auth.token-wrong-env'
    )
    expect(diagnoseBuilt(session('local', 'development'), { environmentKind: 'local' }).codes).not.toContain(
      'auth.token-wrong-env'
    )
  })
  it('the sandbox judges env only when told what to expect', () => {
    expect(diagnoseBuilt(session('sandbox', 'staging')).codes).not.toContain('auth.token-wrong-env')
    expect(diagnoseBuilt(session('sandbox', 'staging'), { expectedEnv: 'development' }).codes).toContain(
      'auth.token-wrong-env'
    )
  })
  it("expiry is judged at the session's wall clock by default, or the given now", () => {
    const builder = new SessionBuilder()
      .start()
      .token({ exp: NOW_S + 100 })
      .accepted()
      .greeting()
    expect(diagnoseBuilt(builder).codes).toContain('auth.token-expiring-soon')
    expect(diagnoseBuilt(builder, { nowMs: WALL_CLOCK + 200000 }).codes).toContain(
      'auth.token-expired-during-session'
    )
  })
})
