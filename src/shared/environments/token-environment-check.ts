import type { EnvironmentKind } from '../api/frame-record'

/** The verdict on a token's `env` claim against the environment it is used with. */
export type TokenEnvironmentCheck = {
  /** True when the token was issued for a different environment: the server will refuse it (PROTOCOL.md §2). */
  mismatch: boolean
  /** The claim normalised to `production|staging|development|test`, or null when absent. */
  tokenEnv: string | null
  /** The claim values the environment accepts; null when we cannot know (custom, sandbox). */
  expected: string[] | null
  /** One sentence for the diagnosis. */
  note: string
}

/** Spellings seen in `env` claims and configs, mapped to the server's environment names (a Map: claims are untrusted text). */
const ALIASES: ReadonlyMap<string, string> = new Map([
  ['prod', 'production'],
  ['production', 'production'],
  ['stage', 'staging'],
  ['stg', 'staging'],
  ['staging', 'staging'],
  ['dev', 'development'],
  ['development', 'development'],
  ['local', 'development'],
  ['test', 'test'],
  ['testing', 'test']
])

/** Which `env` claims each environment kind accepts; local servers run as development (or test). */
const EXPECTED: Readonly<Partial<Record<EnvironmentKind, string[]>>> = {
  production: ['production'],
  staging: ['staging'],
  local: ['development', 'test']
}

/**
 * One spelling per environment: `stage`/`stg` → staging, `prod` → production, `dev`/`local`
 * → development, `testing` → test (case and spaces ignored); anything else is kept lower-cased.
 * Null for an absent or empty value.
 */
export function normaliseEnvName(value: string | null | undefined): string | null {
  const raw = typeof value === 'string' ? value.trim().toLowerCase() : ''
  return raw ? (ALIASES.get(raw) ?? raw) : null
}

/** The normalised `env` values a server of this kind runs as; null when the kind says nothing (custom, sandbox). */
export function expectedEnvsForKind(kind: EnvironmentKind): string[] | null {
  return (Object.hasOwn(EXPECTED, kind) ? EXPECTED[kind] : undefined) ?? null
}

/**
 * Compare a token's `env` claim with the environment kind it is about to be used against:
 * a staging token used against production (or the reverse) is flagged, because the server
 * rejects a token whose `env` does not match its own. Custom and sandbox environments can
 * run as anything, so they are never flagged.
 */
export function checkTokenEnvironment(envClaim: string | null | undefined, kind: EnvironmentKind): TokenEnvironmentCheck {
  const tokenEnv = normaliseEnvName(envClaim)
  const expected = expectedEnvsForKind(kind)
  if (tokenEnv === null)
    return { mismatch: false, tokenEnv, expected, note: 'the token has no env claim: the server decides which environment it belongs to' }
  if (expected === null)
    return { mismatch: false, tokenEnv, expected, note: `token issued for ${tokenEnv}; a ${kind} environment may accept any` }
  if (expected.includes(tokenEnv))
    return { mismatch: false, tokenEnv, expected, note: `token issued for ${tokenEnv}, matching this ${kind} environment` }
  return {
    mismatch: true,
    tokenEnv,
    expected,
    note: `a ${tokenEnv} token used against ${kind}: the server will refuse it (token env must be ${expected.join(' or ')})`
  }
}
