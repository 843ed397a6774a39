import type { HandshakeRecord } from '../../api/frame-record'
import { COMPONENT_LABELS } from '../components'
import type { HealthSignal } from '../health-signals'
import { servicesInText } from '../service-components'
import { readRefusalBody } from './refusal-body'
import { RETRY_LATER, deniedBy, statusRefusal } from './status-refusal'
import { RANK } from './rule-finding'
import type { RuleConclusion } from './rule-finding'

/** What besides the refusal itself decides what it means. */
export type RefusalContext = {
  /** A credential went out on the upgrade (header, subprotocol, query token or ticket). */
  tokenSent: boolean
  /** That credential decodes as a complete, unexpired Netra access token. */
  tokenValid: boolean
  /** What the health endpoints said at preflight. */
  health: readonly HealthSignal[]
}

const NO_CONTEXT: RefusalContext = { tokenSent: false, tokenValid: false, health: [] }


function authRefusal(detail: string, status: number): RuleConclusion {
  const rank = RANK.reported
  if (/malformed|invalid|signature|decode|not enough segments/i.test(detail))
    return {
      component: 'auth',
      rank,
      code: 'auth.token-invalid',
      title: 'The server refused the token as invalid',
      explanation: `HTTP ${status}: "${detail}". The token is malformed, badly signed or not a JWT this server can read.`,
      nextSteps: [
        'Check that the whole access token was stored (no quotes, no "Bearer " prefix, no truncation).',
        "Use a token issued by this environment's auth service."
      ]
    }
  const env = /token env=(\S+?),?\s+server env=(\S+)/i.exec(detail)
  if (/environment mismatch/i.test(detail))
    return {
      component: 'auth',
      rank,
      code: 'auth.env-mismatch',
      title: 'The server refused the token: it belongs to another environment',
      explanation: env
        ? `The token was issued for "${env[1]}" but this server runs as "${env[2]}".`
        : `The server says: "${detail}".`,
      nextSteps: [
        "Use a token issued by this environment's auth service (check the credential picked for this environment)."
      ]
    }
  // Ticket wording first: "Ticket expired" is about the ticket, not the token.
  if (/ticket/i.test(detail))
    return {
      component: 'auth',
      rank,
      code: 'auth.ticket-rejected',
      title: 'The server refused the WebSocket ticket',
      explanation: `HTTP ${status}: "${detail}". Tickets are single-use and short-lived.`,
      nextSteps: ['Request a new ticket right before connecting, or use subprotocol auth.']
    }
  if (/expired/i.test(detail))
    return {
      component: 'auth',
      rank,
      code: 'auth.server-token-expired',
      title: 'The server refused the token as expired',
      explanation: `HTTP ${status}: "${detail}". If the token's own exp is still in the future, the server's clock or leeway disagrees with it.`,
      nextSteps: [
        'Get a fresh access token and retry.',
        'If the token is fresh, compare the clocks of this machine and the server.'
      ]
    }
  if (/too old/i.test(detail))
    return {
      component: 'auth',
      rank,
      code: 'auth.token-too-old',
      title: 'The server refused the token as older than 24 h',
      explanation: `HTTP ${status}: "${detail}".`,
      nextSteps: ['Get a fresh access token and retry.']
    }
  if (/missing required claim/i.test(detail))
    return {
      component: 'auth',
      rank,
      code: 'auth.token-missing-claims',
      title: 'The server refused the token: a required claim is missing',
      explanation: `HTTP ${status}: "${detail}".`,
      nextSteps: ['Use an access token issued by netra-auth-service.']
    }
  if (/no token provided/i.test(detail))
    return {
      component: 'auth',
      rank,
      code: 'auth.no-token',
      title: 'No credential reached the server',
      explanation: `HTTP ${status}: "${detail}". The upgrade carried no header, subprotocol, query token or ticket the server recognised.`,
      nextSteps: ['Store a credential for this environment, or choose another auth method.']
    }
  return {
    component: 'auth',
    rank,
    code: 'auth.upgrade-refused',
    title: 'The server refused the credential on the upgrade',
    explanation: `HTTP ${status}: "${detail}".`,
    nextSteps: [
      'Check the token (claims below), get a fresh one and retry.',
      'If a fresh token is refused too, check the auth service.'
    ]
  }
}

// A body about the credential itself being absent: what a proxy that strips it causes.
const TOKEN_MISSING = /no (?:token|credential|authori[sz]ation)|(?:token|credential|authori[sz]ation)[^.]{0,20}(?:missing|required|not (?:provided|found|present))|missing (?:token|credential|authori[sz]ation|jwt)|not authenticated/i
const AUTH_WORDS = /auth|token|credential|jwt|ticket|bearer|unauthori[sz]ed|signature|expired|permission/i

/**
 * Decide what a refused upgrade (an HTTP status instead of 101) says: its body first (the
 * server's own words), then the health endpoints when the body says nothing, then the status.
 */
export function judgeRefusal(handshake: HandshakeRecord, status: number, context: RefusalContext = NO_CONTEXT): RuleConclusion {
  const refusal = readRefusalBody(handshake.body)
  const detail = refusal.detail ?? ''
  const said = refusal.detail && !refusal.generic
    ? `: "${refusal.detail}"`
    : refusal.text
      ? ` with a ${refusal.json ? 'JSON' : 'non-JSON'} body that names no cause`
      : ' with no body'
  const offered = handshake.subprotocolsOffered.length
  const speaks = !refusal.generic
  if (speaks && (/services? not ready|not ready:|startup in progress|starting up/i.test(detail) || refusal.errorCode === 'SERVICE_NOT_READY')) {
    const named = servicesInText(detail)
    const component = named[0]?.component ?? 'server'
    const services = [...new Set(named.map((entry) => entry.service))]
    return {
      component,
      rank: RANK.reported,
      confidence: 'certain',
      code: `${component}.not-ready-refusal`,
      title: `The server refused connections: ${services.length ? services.join(', ') : 'a service'} not ready`,
      explanation: `The upgrade was refused with HTTP ${status}${said}. The server refuses WebSocket connections while a critical service is unavailable; this is readiness${services.length ? ` of ${[...new Set(named.map((entry) => COMPONENT_LABELS[entry.component]))].join(', ')}` : ''}, not the credential.`,
      nextSteps: [
        services.length
          ? `Check ${services.join(', ')} (the /ws/health entry below shows its last error).`
          : 'Check /ws/health for the service that is not ready.',
        RETRY_LATER
      ]
    }
  }
  if ((speaks && /subprotocol/i.test(detail)) || refusal.errorCode === 'SUBPROTOCOL_MISMATCH')
    return {
      component: 'auth',
      rank: RANK.reported,
      confidence: 'certain',
      code: 'auth.subprotocol-mismatch',
      title: 'The server accepted none of the offered subprotocols',
      explanation: `HTTP ${status}${said}. ${offered} subprotocol(s) were offered; the server refuses before accepting when none carries the credential the way it expects ("jwt.<token>", "jwt-auth", "bearer.<token>" …).`,
      nextSteps: [
        'Switch the subprotocol style (jwt.<token> vs jwt-auth), or use header or ticket auth for this server.'
      ]
    }
  if (speaks && ((TOKEN_MISSING.test(detail) && !/claim/i.test(detail)) || refusal.errorCode === 'NO_TOKEN')) {
    if (context.tokenSent && context.tokenValid)
      return {
        component: 'gateway',
        rank: RANK.inferred,
        confidence: 'likely',
        code: 'gateway.credential-dropped',
        title: 'The credential was sent but never reached the server',
        explanation: `HTTP ${status}${said}. This client sent a valid, unexpired token on the upgrade, yet the server says it got none: a proxy or load balancer in between dropped it (a stripped Authorization header or Sec-WebSocket-Protocol, a rewritten query).`,
        nextSteps: [
          'Check the proxy / ingress in front of the server: does it forward Authorization and Sec-WebSocket-Protocol on upgrades?',
          'Try another auth method (ticket or query) to get past it.'
        ]
      }
    return {
      component: 'auth',
      rank: RANK.reported,
      confidence: 'certain',
      code: 'auth.no-token',
      title: 'No credential reached the server',
      explanation: `HTTP ${status}${said}. The upgrade carried no header, subprotocol, query token or ticket the server recognised.`,
      nextSteps: ['Store a credential for this environment, or choose another auth method.']
    }
  }
  if (speaks && (refusal.errorCode === 'AUTH_FAILED' || AUTH_WORDS.test(detail)))
    return { ...authRefusal(detail, status), confidence: 'certain' }
  if (status === 401 || status === 403) {
    const denied = deniedBy(context.health)
    if (denied.length > 0) {
      const [first] = denied
      return {
        component: first.component,
        rank: RANK.inferred,
        confidence: 'likely',
        code: `${first.component}.not-ready-refusal`,
        title: `The upgrade was refused (HTTP ${status}) while the server denies connections: ${denied.map((entry) => COMPONENT_LABELS[entry.component]).join(', ')} failing`,
        explanation: `HTTP ${status}${said}. At preflight ${denied.map((entry) => entry.source).join('; ')}, so the refusal is most likely that readiness gate, not the credential.`,
        nextSteps: [`Check ${COMPONENT_LABELS[first.component]} (its /ws/health entry below), then reconnect.`, RETRY_LATER]
      }
    }
    // A bare 401/403 is auth or a subprotocol mismatch; say which is likelier, not which it is.
    return {
      component: 'auth',
      rank: RANK.inferred,
      confidence: status === 401 ? 'likely' : 'possible',
      code: 'auth.upgrade-refused',
      title: `The upgrade was refused with HTTP ${status} and no reason`,
      explanation: `HTTP ${status}${said}.${offered ? ` ${offered} subprotocol(s) were offered, so this may also be a subprotocol mismatch.` : ''} The server names no cause and the health endpoints show no denial; a rejected credential is the usual one.`,
      nextSteps: [
        'Check the token (claims below) and retry with a fresh one.',
        offered
          ? 'Retry with header auth to rule out a subprotocol mismatch.'
          : 'Check that the URL points at the Netra WebSocket endpoint.'
      ]
    }
  }
  return statusRefusal(status, said, refusal.json && speaks, context)
}

const PROXY = /nginx|envoy|cloudflare|haproxy|traefik|apache|openresty|caddy|istio|awselb|akamai|varnish|squid|kong/i

/**
 * The other plausible reading of a 401/403 that names no cause: a proxy or web application
 * firewall in front of the server refused it (its own page or a proxy's `Server`/`Via`
 * header is the hint). Returned only when that hint is there and nothing else explains the
 * refusal, so the diagnosis names both explanations instead of guessing one.
 */
export function proxyRefusal(handshake: HandshakeRecord, status: number, context: RefusalContext): RuleConclusion | null {
  if (status !== 401 && status !== 403) return null
  const refusal = readRefusalBody(handshake.body)
  if (!refusal.generic || deniedBy(context.health).length > 0) return null
  const headers = Object.entries(handshake.responseHeaders)
    .filter(([name]) => /^(server|via)$/i.test(name))
    .map(([, value]) => value)
  const hint = headers.find((value) => PROXY.test(value)) ?? (!refusal.json && /<html/i.test(refusal.text) ? 'an HTML error page' : null)
  if (!hint) return null
  return {
    component: 'gateway',
    // Listed after the credential reading (the usual cause), yet as direct: both are named.
    rank: RANK.inferred + 1,
    confidence: 'possible',
    code: 'gateway.upgrade-forbidden',
    title: `A proxy in front of the server may have refused the upgrade (HTTP ${status})`,
    explanation: `The refusal names no cause and came with ${hint.startsWith('an ') ? hint : `"${hint}"`}: a proxy, ingress or web application firewall can refuse WebSocket upgrades on its own, as much as the server can refuse the credential.`,
    nextSteps: [
      'Check the proxy / ingress rules for WebSocket upgrades on this path.',
      'Connect to the server directly (bypassing the proxy) to tell the two apart.'
    ]
  }
}
