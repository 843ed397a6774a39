/**
 * The stage of a connection a finding stops, so what stops the connection first is reported first.
 *
 * A connection goes configuration/credentials → DNS/TCP → TLS → HTTP upgrade → protocol → agents.
 * With no token against a closed port, "needs a token" comes before "connection refused": fixing the
 * port alone would still leave a connection that cannot start. Up to the upgrade a failure ends the
 * attempt, so the earlier stage always leads. After it, protocol and agent findings are ordered by
 * how directly they explain the fault (rank) first, and by stage only among equally direct ones: an
 * agent error the server reported explains the 1011 close that followed it, not the other way round.
 */

/** The stages, in the order a connection meets them. */
export const FAILURE_STAGES = ['credentials', 'dns-tcp', 'tls', 'upgrade', 'protocol', 'agents'] as const

/** One connection stage. */
export type FailureStage = (typeof FAILURE_STAGES)[number]

/** Findings about what is sent before any packet leaves: the credential, the URL. */
const CREDENTIALS =
  /^(auth\.(setup-failed|no-token|token-(undecodable|missing-claims|wrong-[a-z-]+|unverifiable-origin|expired|too-old|invalid)|server-token-expired|env-mismatch)|client\.invalid-url)$/

/** Reaching the host: resolving it and opening TCP to it. */
const DNS_TCP = /^network\.(dns-failed|connection-refused|tcp-timeout|unreachable|slow-connect)$/

/** Everything the HTTP upgrade request can meet: a refusal (and the component its body names), a redirect, a gateway. */
const UPGRADE =
  /^([a-z-]+\.upgrade-[a-z-]+|auth\.(subprotocol-mismatch|ticket-rejected)|gateway\.credential-dropped|[a-z-]+\.not-ready-refusal|dependencies\.services-not-ready|client\.(not-websocket|rate-limited))$/

/** Agent behaviour inside a run: the supervisor, the bridge that delivers events, the model. */
const AGENTS = /^(agent-supervisor|agent-bridge|llm)\./

/** The stage a finding's code belongs to; anything after the upgrade that is not an agent's is `protocol`. */
export function failureStage(code: string): FailureStage {
  // An expired token that was accepted and expired later stops nothing at the start.
  if (code === 'auth.token-expired-during-session' || code === 'auth.token-expiring-soon') return 'protocol'
  if (CREDENTIALS.test(code)) return 'credentials'
  if (DNS_TCP.test(code)) return 'dns-tcp'
  if (code.startsWith('tls.')) return 'tls'
  if (UPGRADE.test(code)) return 'upgrade'
  if (AGENTS.test(code)) return 'agents'
  return 'protocol'
}

/** The position of a finding's stage among the stages that end an attempt before it opens; later ones share the last. */
export function connectingOrder(code: string): number {
  return Math.min(FAILURE_STAGES.indexOf(failureStage(code)), FAILURE_STAGES.indexOf('protocol'))
}

/** The position of a finding's stage among all stages. */
export function stageOrder(code: string): number {
  return FAILURE_STAGES.indexOf(failureStage(code))
}
