import type { Environment } from '../../../../shared/api/contract'
import type { CredentialInfo } from '../../../../shared/api/credential-schemas'
import { checkTokenEnvironment, type TokenEnvironmentCheck } from '../../../../shared/environments'

/** Less than this left counts as "expiring soon" (the backend's threshold, src/main/credentials/jwt-claims.ts). */
export const EXPIRING_SOON_MS = 5 * 60 * 1000

/** A credential's expiry state at `now`; recomputed here because the backend's answer ages while the UI stays open. */
export function expiryAt(
  credential: Pick<CredentialInfo, 'expiresAt'>,
  now: number
): CredentialInfo['expiry'] {
  const { expiresAt } = credential
  if (expiresAt === null) return 'none'
  if (expiresAt <= now) return 'expired'
  return expiresAt - now < EXPIRING_SOON_MS ? 'expiring-soon' : 'valid'
}

/** The token's `env` claim against the environment it belongs to; null when there is nothing to say. */
export function environmentMismatch(
  credential: CredentialInfo,
  environment: Environment | undefined
): TokenEnvironmentCheck | null {
  if (!environment || !credential.claims) return null
  const check = checkTokenEnvironment(credential.claims.env, environment.kind)
  return check.mismatch ? check : null
}

/** Can this credential authenticate a session (the backend takes access tokens only)? */
export function isSessionToken(credential: CredentialInfo): boolean {
  return credential.kind === 'access-token'
}

/** Human names of the credential kinds. */
export const KIND_LABELS: Readonly<Record<CredentialInfo['kind'], string>> = {
  'access-token': 'access token',
  'refresh-token': 'refresh token',
  'e2e-simulation-key': 'E2E simulation key'
}
