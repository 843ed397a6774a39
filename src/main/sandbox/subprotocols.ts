import type { SandboxGeneration } from './types'

const TOKEN_PREFIXES = ['jwt.', 'jwt-auth.', 'bearer.'] as const
const BARE_NAMES = ['jwt-auth', 'jwt', 'bearer', 'e2e-testing', 'staging-auth', 'agent_chat'] as const

/** Parse `Sec-WebSocket-Protocol` into the offered entries, in order. */
export function parseOfferedSubprotocols(header: string | string[] | undefined): string[] {
  const joined = Array.isArray(header) ? header.join(',') : (header ?? '')
  return joined
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
}

/**
 * The entry the server echoes, or null when nothing matched (PROTOCOL.md §2).
 *
 * beta-10 echoed the bare `jwt-auth` of the older `["jwt-auth","jwt.<…>"]` offer, so it
 * prefers bare names; newer servers echo the token-bearing entry first.
 */
export function selectSubprotocol(offered: readonly string[], generation: SandboxGeneration): string | null {
  const tokenEntry =
    offered.find((entry) => TOKEN_PREFIXES.some((prefix) => entry.startsWith(prefix))) ?? null
  const bareEntry = BARE_NAMES.find((name) => offered.includes(name)) ?? null
  return generation === 'beta-10' ? (bareEntry ?? tokenEntry) : (tokenEntry ?? bareEntry)
}

/** The JWT carried by a `jwt.` / `jwt-auth.` / `bearer.` entry: base64url without padding, or a raw JWT. */
export function tokenFromSubprotocols(offered: readonly string[]): string | null {
  for (const entry of offered) {
    const prefix = TOKEN_PREFIXES.find((candidate) => entry.startsWith(candidate))
    if (!prefix) continue
    const value = entry.slice(prefix.length)
    if (value.split('.').length === 3) return value
    const decoded = Buffer.from(value, 'base64url').toString('utf8')
    if (decoded.split('.').length === 3) return decoded
    return value
  }
  return null
}

/** Encode a JWT as the `jwt.<base64url>` subprotocol entry clients offer. */
export function jwtSubprotocol(token: string, prefix = 'jwt.'): string {
  return prefix + Buffer.from(token, 'utf8').toString('base64url')
}
