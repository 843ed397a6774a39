import type { HandshakeRecord } from '../../api/frame-record'
import { COMPONENT_LABELS, type Component } from '../components'
import type { HealthSignal } from '../health-signals'
import { servicesInText } from '../service-components'
import { readRefusalBody } from './refusal-body'
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

const RETRY_LATER = 'Retry in a minute; if it persists, check the deployment status of the backend.'

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

/** Components a failing critical service or a connection denial at preflight names, most telling first. */
function deniedBy(health: readonly HealthSignal[]): Array<{ component: Component; source: string }> {
  const denial = health.filter((signal) => signal.denial && signal.component !== 'server')
  const critical = health.filter(
    (signal) => signal.status === 'failing' && /critical_services\./.test(signal.source) && signal.component !== 'server'
  )
  const serverDenial = health.filter((signal) => signal.denial && signal.component === 'server')
  const picked = denial.length > 0 ? denial : serverDenial.length > 0 ? (critical.length > 0 ? critical : serverDenial) : []
  const seen = new Set<Component>()
  return picked.flatMap((signal) => {
    if (seen.has(signal.component)) return []
    seen.add(signal.component)
    return [{ component: signal.component, source: signal.source }]
  })
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

/** A refusal whose status decides (wrong path, rate limit, gateways, server errors, redirects). */
function statusRefusal(status: number, said: string, appJson: boolean, context: RefusalContext): RuleConclusion {
  if (status === 404 || status === 400 || status === 426 || status === 405)
    return {
      component: 'client',
      rank: RANK.reported,
      confidence: 'certain',
      code: status === 404 ? 'client.wrong-path' : 'client.bad-upgrade-request',
      title:
        status === 404
          ? 'The WebSocket path does not exist on this server'
          : `The server rejected the upgrade request (HTTP ${status})`,
      explanation: `HTTP ${status}${said}. Valid paths are /ws (?mode=main|factory|isolated|legacy), /ws/factory, /ws/isolated and /api/v1/websocket.`,
      nextSteps: ["Check the environment's WebSocket URL and path."]
    }
  if (status === 429)
    return {
      component: 'client',
      rank: RANK.reported,
      confidence: 'certain',
      code: 'client.rate-limited',
      title: 'Rate limited on the upgrade (HTTP 429)',
      explanation: `HTTP 429${said}. Too many connection attempts from this client or user.`,
      nextSteps: ['Wait before reconnecting; reduce retries.']
    }
  if (status === 502 || status === 503 || status === 504) {
    if (appJson)
      return {
        component: 'server',
        rank: RANK.reported,
        confidence: 'certain',
        code: 'server.upgrade-unavailable',
        title: `The application server refused the upgrade (HTTP ${status})`,
        explanation: `HTTP ${status}${said}. The JSON body comes from the application itself, not a proxy.`,
        nextSteps: [RETRY_LATER]
      }
    const denied = status === 503 ? deniedBy(context.health) : []
    if (denied.length > 0)
      return {
        component: denied[0].component,
        rank: RANK.inferred,
        confidence: 'likely',
        code: `${denied[0].component}.not-ready-refusal`,
        title: `The upgrade was refused (HTTP 503) while the server denies connections: ${denied.map((entry) => COMPONENT_LABELS[entry.component]).join(', ')} failing`,
        explanation: `HTTP 503${said}. At preflight ${denied.map((entry) => entry.source).join('; ')}.`,
        nextSteps: [`Check ${COMPONENT_LABELS[denied[0].component]}, then reconnect.`, RETRY_LATER]
      }
    return {
      component: 'gateway',
      rank: RANK.decoded,
      confidence: 'likely',
      code: 'gateway.upgrade-bad-gateway',
      title: `A gateway answered the upgrade with HTTP ${status}`,
      explanation: `HTTP ${status}${said}. A proxy or load balancer in front of the server could not reach a healthy backend${status === 504 ? ' in time' : ''}.`,
      nextSteps: ['Check the load balancer / ingress and the backend instances behind it.', RETRY_LATER]
    }
  }
  if (status >= 500)
    return {
      component: 'server',
      rank: RANK.reported,
      confidence: 'certain',
      code: 'server.upgrade-error',
      title: `The server failed on the upgrade (HTTP ${status})`,
      explanation: `HTTP ${status}${said}.`,
      nextSteps: ['Check the server logs for the upgrade request.', RETRY_LATER]
    }
  if (status >= 300 && status < 400)
    return {
      component: 'gateway',
      rank: RANK.decoded,
      confidence: 'likely',
      code: 'gateway.upgrade-redirected',
      title: `The upgrade was redirected (HTTP ${status})`,
      explanation: `HTTP ${status}${said}. Something in front of the server (a login page, an HTTPS redirect) answered instead of the WebSocket endpoint.`,
      nextSteps: ['Use the final URL directly (often https→wss, or a different host).']
    }
  return {
    component: 'client',
    rank: RANK.decoded,
    confidence: 'likely',
    code: 'client.not-websocket',
    title: `The URL answered HTTP ${status} instead of switching protocols`,
    explanation: `HTTP ${status}${said}. This URL is not a WebSocket endpoint, or something else answers on it.`,
    nextSteps: ['Check the WebSocket URL of the environment.']
  }
}
