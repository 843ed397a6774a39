import { FaultSet } from './faults/fault-set'
import { verifyAccessToken, type TokenVerdict } from './tokens'
import type { ResolvedSandboxOptions } from './types'

/**
 * Verify a token as this sandbox's server would, with the auth faults applied.
 *
 * Faults act after real verification so a genuinely bad token still reports its own
 * reason; the fault only overrides the verdict of a token that would have passed.
 */
export async function checkToken(options: ResolvedSandboxOptions, token: string): Promise<TokenVerdict> {
  const faults = new FaultSet(options.faults)
  const serverEnv = faults.has('wrong-env') ? otherEnvironment(options.environment) : options.environment
  const verdict = await verifyAccessToken(options.jwtSecret, token, serverEnv)
  if (!verdict.ok) return verdict
  if (faults.has('token-rejected')) return { ok: false, reason: 'Token rejected by auth service' }
  if (faults.has('expired-token')) return { ok: false, reason: 'Token expired' }
  return verdict
}

function otherEnvironment(environment: string): string {
  return environment === 'staging' ? 'production' : 'staging'
}
