import { decodeJwt } from 'jose'
import type { CredentialInfo, CredentialKind } from '../../shared/api/credential-schemas'

/** The non-secret claims the UI may see. */
export type PublicClaims = NonNullable<CredentialInfo['claims']>

/** Less than this left before `exp` counts as "expiring soon". */
export const EXPIRING_SOON_MS = 5 * 60 * 1000

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null)

/** Decode sub, email, env and exp without verifying (we do not hold the signing key); null when not a JWT. */
export function publicClaims(secret: string): PublicClaims | null {
  try {
    const payload = decodeJwt(secret)
    return { sub: text(payload.sub), email: text(payload.email), env: text(payload.env), exp: typeof payload.exp === 'number' ? payload.exp : null }
  } catch {
    return null
  }
}

/**
 * The claims a credential of this kind keeps in its metadata. An access token must be a JWT
 * (sessions present it as one); a refresh token may be opaque; a simulation key has none.
 * Throws a message that never quotes the secret.
 */
export function claimsForKind(kind: CredentialKind, secret: string): PublicClaims | null {
  if (kind === 'e2e-simulation-key') return null
  const claims = publicClaims(secret)
  if (kind === 'access-token' && claims === null)
    throw new Error('an access token must be a JWT (three base64url parts with a JSON payload); this secret could not be decoded as one')
  return claims
}

/** Expiry as epoch ms and its state at `now`. */
export function expiryOf(claims: PublicClaims | null, now = Date.now()): Pick<CredentialInfo, 'expiresAt' | 'expiry'> {
  if (!claims || claims.exp === null) return { expiresAt: null, expiry: 'none' }
  const expiresAt = claims.exp * 1000
  const expiry = expiresAt <= now ? 'expired' : expiresAt - now < EXPIRING_SOON_MS ? 'expiring-soon' : 'valid'
  return { expiresAt, expiry }
}
