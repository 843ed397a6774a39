import type { TokenRecord } from '../../api/frame-record'
import { normaliseEnvName } from '../../environments/token-environment-check'
import type { Confidence, Evidence } from '../diagnosis-types'
import { describeExpectedEnvironment, type ExpectedEnvironment } from '../expected-environment'
import type { SessionEvidence } from '../session-evidence'
import { RANK, formatMs, ranked, type RankedFinding } from './rule-finding'

/** The issuer and audience every Netra server insists on (PROTOCOL.md §2). */
export const NETRA_TOKEN_ISSUER = 'netra-auth-service'
/** The audience every Netra server insists on. */
export const NETRA_TOKEN_AUDIENCE = 'netra-platform'

const EXPIRING_SOON_MS = 5 * 60 * 1000
const MAX_AGE_MS = 24 * 60 * 60 * 1000
const CLOCK_SKEW_MS = 60 * 1000

/** What the claim rules need besides the claims. */
export type TokenJudgement = {
  /** Epoch ms now. */
  nowMs: number | null
  /** Epoch ms when the token was presented (the first handshake), if known. */
  presentedMs: number | null
  /** The env the token must carry: a bare name (taken as configured), or the environment with its source. */
  expectedEnv: string | ExpectedEnvironment | null
  /** The server accepted the token on some attempt: what the claims say becomes a note, never a fault. */
  accepted: boolean
}

function asExpected(value: TokenJudgement['expectedEnv']): ExpectedEnvironment | null {
  if (value === null) return null
  if (typeof value !== 'string') return value
  const env = normaliseEnvName(value)
  return env ? { env, accepts: [env], source: 'configured', by: 'the environment settings' } : null
}

function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString()
}

/**
 * Judge a token's decoded claims the way the Netra server will (PROTOCOL.md §2): expired or
 * expiring soon, wrong `env`, `iss`, `aud` or type, missing `exp/iat/sub/jti`, older than 24 h.
 */
export function judgeTokenClaims(token: TokenRecord, judgement: TokenJudgement): RankedFinding[] {
  const { claims } = token
  const base: Evidence[] = [{ label: 'token source', value: token.source, seq: token.seq }]
  const findings: RankedFinding[] = []
  // A server that let the token in proves the claims did not stop this session: what they say
  // is worth knowing (other servers may refuse it), never a fault of this one.
  const errorUnlessAccepted = judgement.accepted ? 'info' : 'error'
  const warningUnlessAccepted = judgement.accepted ? 'info' : 'warning'
  const acceptedNote = judgement.accepted
    ? ' The server accepted it on this session anyway, so it is lenient here; other servers will not be.'
    : ''
  const add = (
    severity: 'error' | 'warning' | 'info',
    code: string,
    title: string,
    explanation: string,
    evidence: Evidence[],
    nextSteps: string[],
    confidence: Confidence = 'likely'
  ): void => {
    findings.push(
      ranked(RANK.token, {
        component: 'auth',
        severity,
        confidence,
        code,
        title,
        explanation,
        evidence: [...base, ...evidence],
        nextSteps
      })
    )
  }
  const renew =
    'Get a fresh access token (log in again, or mint one with the E2E test-auth endpoint outside production) and retry.'

  if (!token.decodable) {
    add(
      errorUnlessAccepted,
      'auth.token-undecodable',
      'The token is not a readable JWT',
      'The credential could not be decoded as a JWT, so the server cannot read its claims either.' +
        acceptedNote,
      [],
      ['Check that the whole access token was stored (no quotes, no "Bearer " prefix, no truncation).', renew]
    )
    return findings
  }

  const missing: string[] = (['exp', 'iat', 'sub'] as const).filter((claim) => claims[claim] === null)
  if (!claims.hasJti) missing.push('jti')
  if (missing.length > 0) {
    add(
      errorUnlessAccepted,
      'auth.token-missing-claims',
      `The token lacks required claims: ${missing.join(', ')}`,
      'The server rejects any token without exp, iat, sub and jti.' + acceptedNote,
      [{ label: 'missing claims', value: missing.join(', ') }],
      ['Use an access token issued by netra-auth-service; hand-made or refresh tokens lack these claims.']
    )
  }
  if (claims.iss !== null && claims.iss !== NETRA_TOKEN_ISSUER) {
    add(
      errorUnlessAccepted,
      'auth.token-wrong-issuer',
      `The token was issued by "${claims.iss}"`,
      `The server only accepts tokens whose iss is "${NETRA_TOKEN_ISSUER}".` + acceptedNote,
      [{ label: 'iss', value: claims.iss }],
      ['Get the token from the Netra auth service of this environment.']
    )
  }
  const audiences = claims.aud === null ? [] : Array.isArray(claims.aud) ? claims.aud : [claims.aud]
  if (claims.aud !== null && !audiences.includes(NETRA_TOKEN_AUDIENCE)) {
    add(
      errorUnlessAccepted,
      'auth.token-wrong-audience',
      `The token is meant for "${audiences.join(', ')}"`,
      `The server expects aud "${NETRA_TOKEN_AUDIENCE}".` + acceptedNote,
      [{ label: 'aud', value: audiences.join(', ') }],
      ['Request a token for the netra-platform audience.']
    )
  }
  if (claims.iss === null || claims.aud === null) {
    const absent = [claims.iss === null ? 'iss' : null, claims.aud === null ? 'aud' : null]
      .filter(Boolean)
      .join(' and ')
    add(
      warningUnlessAccepted,
      'auth.token-unverifiable-origin',
      `The token carries no ${absent}`,
      `Servers that check ${absent} will reject it.`,
      [],
      ['Use an access token issued by netra-auth-service.']
    )
  }
  if (claims.token_type !== null && claims.token_type !== 'access') {
    add(
      errorUnlessAccepted,
      'auth.token-wrong-type',
      `This is a "${claims.token_type}" token, not an access token`,
      'Only access tokens open WebSocket sessions.' + acceptedNote,
      [{ label: 'token_type', value: claims.token_type }],
      ['Use the access token, not the refresh or service token.']
    )
  }
  const expected = asExpected(judgement.expectedEnv)
  const tokenEnv = normaliseEnvName(claims.env)
  if (expected && tokenEnv !== null && !expected.accepts.includes(tokenEnv)) {
    const guessed = expected.source === 'url'
    // A guess from the URL never outweighs a server that let the token in, and alone is only a hint.
    add(
      judgement.accepted ? 'info' : guessed ? 'warning' : 'error',
      'auth.token-wrong-env',
      `A ${claims.env} token against a ${expected.env} server`,
      `The token's env claim is "${claims.env}" but this server runs as "${expected.env}" (${describeExpectedEnvironment(expected)}); the server rejects tokens from another environment.` +
        (guessed ? ' The environment is only guessed from the URL, which a port-forward or tunnel makes wrong.' : '') +
        acceptedNote,
      [
        { label: 'token env', value: claims.env ?? '' },
        { label: 'expected env', value: describeExpectedEnvironment(expected), seq: expected.seq }
      ],
      [`Use a token issued by the ${expected.env} auth service.`],
      expected.source === 'server' ? 'certain' : guessed ? 'possible' : 'likely'
    )
  }

  const now = judgement.nowMs
  if (now !== null && claims.exp !== null) {
    const expMs = claims.exp * 1000
    const presented = judgement.presentedMs ?? now
    const expEvidence = [{ label: 'exp', value: iso(claims.exp) }]
    if (expMs <= presented) {
      add(
        errorUnlessAccepted,
        'auth.token-expired',
        'The token had expired when it was used',
        `It expired ${formatMs(presented - expMs)} before the connection attempt.` + acceptedNote,
        expEvidence,
        [renew]
      )
    } else if (expMs <= now) {
      add(
        'info',
        'auth.token-expired-during-session',
        'The token expired during the session',
        `It expired ${formatMs(expMs - presented)} after the connection opened; reconnecting with it will fail.`,
        expEvidence,
        [renew]
      )
    } else if (expMs - now < EXPIRING_SOON_MS) {
      add(
        'info',
        'auth.token-expiring-soon',
        `The token expires in ${formatMs(expMs - now)}`,
        'Reconnects after that will be refused until a new token is used.',
        expEvidence,
        [renew]
      )
    }
  }
  if (now !== null && claims.iat !== null) {
    const iatMs = claims.iat * 1000
    if (now - iatMs > MAX_AGE_MS) {
      add(
        errorUnlessAccepted,
        'auth.token-too-old',
        'The token was issued more than 24 hours ago',
        `Issued ${formatMs(now - iatMs)} ago; the server refuses tokens older than 24 h whatever their exp.` +
          acceptedNote,
        [{ label: 'iat', value: iso(claims.iat) }],
        [renew]
      )
    } else if (iatMs - now > CLOCK_SKEW_MS) {
      add(
        warningUnlessAccepted,
        'auth.token-issued-in-future',
        'The token claims to be issued in the future',
        `iat is ${formatMs(iatMs - now)} ahead of this machine's clock: one of the clocks is wrong, and servers may reject it.`,
        [{ label: 'iat', value: iso(claims.iat) }],
        ['Check the system clock of this machine and of the auth service (NTP).']
      )
    }
  }
  return findings
}

const AUTH_CLOSE = /auth|token|ticket|jwt/i

/** Token rules over a session: the claims judged at the time the token was presented. */
export function tokenRules(evidence: SessionEvidence): RankedFinding[] {
  const token = evidence.model.token
  if (!token) return []
  const { context } = evidence
  const firstHandshake = evidence.attempts.find((attempt) => attempt.view.handshake)?.view.handshake ?? null
  const presentedMs =
    context.wallClock !== null && firstHandshake ? context.wallClock + firstHandshake.t : null
  const accepted = evidence.attempts.some((attempt) => {
    const close = attempt.view.close
    const authEvent = attempt.events.some(
      (entry) => entry.event.type === 'authentication_error' || entry.event.data.error_code === 'AUTH_FAILED'
    )
    return attempt.view.handshake?.ok === true && !authEvent && !(close && AUTH_CLOSE.test(close.reason))
  })
  return judgeTokenClaims(token, {
    nowMs: context.nowMs,
    presentedMs,
    expectedEnv: context.environment,
    accepted
  })
}
