import { randomUUID } from 'node:crypto'
import { SignJWT, errors, jwtVerify } from 'jose'
import type { SandboxEnvironment } from './types'

/** Claims of a Netra access token (PROTOCOL.md §2). */
export interface TokenClaims {
  sub: string
  iat: number
  exp: number
  jti: string
  iss: string
  aud: string
  token_type: string
  env: string
  svc_id: string
  email: string
  permissions: string[]
}

/** The issuer and audience every Netra server insists on. */
export const TOKEN_ISSUER = 'netra-auth-service'
/** The audience every Netra server insists on. */
export const TOKEN_AUDIENCE = 'netra-platform'

/** Access-token lifetime per environment, in seconds (production 15 min … test 5 min). */
export const ACCESS_TOKEN_LIFETIME: Readonly<Record<SandboxEnvironment, number>> = {
  production: 15 * 60,
  staging: 30 * 60,
  development: 120 * 60,
  test: 5 * 60
}

const MAX_TOKEN_AGE_SECONDS = 24 * 60 * 60

/** Sign `claims` over sandbox defaults; a claim passed as `undefined` is omitted, which lets tests mint broken tokens. */
export async function mintAccessToken(
  secret: string,
  environment: SandboxEnvironment,
  claims: Partial<TokenClaims> = {},
  opts: { expiresInSeconds?: number } = {}
): Promise<string> {
  const now = Math.floor(Date.now() / 1000)
  const iat = 'iat' in claims ? claims.iat : now
  const lifetime = opts.expiresInSeconds ?? ACCESS_TOKEN_LIFETIME[environment]
  const defaults: TokenClaims = {
    sub: 'sandbox-user-001',
    iat: iat ?? now,
    exp: (iat ?? now) + lifetime,
    jti: randomUUID(),
    iss: TOKEN_ISSUER,
    aud: TOKEN_AUDIENCE,
    token_type: 'access',
    env: environment,
    svc_id: 'netra-sandbox',
    email: 'sandbox.user@netrasystems.ai',
    permissions: ['read', 'write']
  }
  const payload: Record<string, unknown> = { ...defaults }
  for (const [key, value] of Object.entries(claims)) {
    if (value === undefined) delete payload[key]
    else payload[key] = value
  }
  return new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(secretKey(secret))
}

/** Outcome of verifying a token the way the Netra server does. */
export type TokenVerdict = { ok: true; claims: TokenClaims } | { ok: false; reason: string }

/** Verify signature and the §2 claim rules; `reason` is the short text the refusal body carries. */
export async function verifyAccessToken(
  secret: string,
  token: string,
  serverEnvironment: string
): Promise<TokenVerdict> {
  try {
    const { payload } = await jwtVerify(token, secretKey(secret), {
      algorithms: ['HS256'],
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      requiredClaims: ['exp', 'iat', 'sub', 'jti'],
      maxTokenAge: MAX_TOKEN_AGE_SECONDS
    })
    if (payload.token_type !== undefined && payload.token_type !== 'access') {
      return { ok: false, reason: `Invalid token type: ${String(payload.token_type)}` }
    }
    if (payload.env !== undefined && payload.env !== serverEnvironment) {
      return {
        ok: false,
        reason: `Token environment mismatch: token env=${String(payload.env)}, server env=${serverEnvironment}`
      }
    }
    return { ok: true, claims: payload as unknown as TokenClaims }
  } catch (error) {
    return { ok: false, reason: describeJoseError(error) }
  }
}

function describeJoseError(error: unknown): string {
  // jose reports "too old" as JWTExpired on the iat claim; the server words it differently.
  if (error instanceof errors.JWTExpired)
    return error.claim === 'iat' ? 'Token too old (issued more than 24 h ago)' : 'Token expired'
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.reason === 'missing') return `Token missing required claim: ${error.claim}`
    if (error.claim === 'iat') return 'Token too old (issued more than 24 h ago)'
    return `Invalid token claim: ${error.claim}`
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'Invalid token signature'
  if (error instanceof errors.JOSEError) return `Invalid token: ${error.code}`
  return 'Invalid token'
}

function secretKey(secret: string): Uint8Array {
  return new TextEncoder().encode(secret)
}
