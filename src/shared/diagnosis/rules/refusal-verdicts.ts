import type { HandshakeRecord } from '../../api/frame-record'
import { servicesInText } from '../service-components'
import { RANK } from './rule-finding'
import type { RuleConclusion } from './rule-finding'

type Refusal = { detail: string | null; errorCode: string | null; json: boolean; text: string }

/** Read a refused upgrade's body: FastAPI-style `{"detail"}` JSON, or raw text (a proxy's page). */
function readRefusal(handshake: HandshakeRecord): Refusal {
  const text = handshake.body ?? ''
  try {
    const value: unknown = JSON.parse(text)
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const body = value as Record<string, unknown>
      const detail =
        typeof body.detail === 'string'
          ? body.detail
          : typeof body.message === 'string'
            ? body.message
            : typeof body.error === 'string'
              ? body.error
              : null
      return {
        detail,
        errorCode: typeof body.error_code === 'string' ? body.error_code : null,
        json: true,
        text
      }
    }
  } catch {
    // Not JSON: a proxy or load balancer answered, or an HTML error page.
  }
  return { detail: null, errorCode: null, json: false, text }
}

const RETRY_LATER = 'Retry in a minute; if it persists, check the deployment status of the backend.'

function authRefusal(detail: string, status: number): RuleConclusion {
  const rank = RANK.reported
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

/** Decide what a refused upgrade (an HTTP status instead of 101) says. */
export function judgeRefusal(handshake: HandshakeRecord, status: number): RuleConclusion {
  const refusal = readRefusal(handshake)
  const detail = refusal.detail ?? ''
  const said = refusal.detail
    ? `: "${refusal.detail}"`
    : refusal.text
      ? ` with a ${refusal.json ? 'JSON' : 'non-JSON'} body`
      : ' with no body'
  const offered = handshake.subprotocolsOffered.length
  if (/service not ready/i.test(detail) || refusal.errorCode === 'SERVICE_NOT_READY') {
    const named = servicesInText(detail)
    const component = named[0]?.component ?? 'server'
    return {
      component,
      rank: RANK.reported,
      code: `${component}.not-ready-refusal`,
      title: `The server refused connections: ${named.length ? named.map((entry) => entry.service).join(', ') : 'a service'} not ready`,
      explanation: `The upgrade was refused with HTTP ${status}${said}. The server refuses WebSocket connections while a critical service is unavailable.`,
      nextSteps: [
        named.length
          ? `Check ${named.map((entry) => entry.service).join(', ')} (the /ws/health entry below shows its last error).`
          : 'Check /ws/health for the service that is not ready.',
        RETRY_LATER
      ]
    }
  }
  if (/no matching subprotocol/i.test(detail) || refusal.errorCode === 'SUBPROTOCOL_MISMATCH')
    return {
      component: 'client',
      rank: RANK.reported,
      code: 'client.subprotocol-mismatch',
      title: 'The server accepted none of the offered subprotocols',
      explanation: `HTTP ${status}${said}. ${offered} subprotocol(s) were offered; the server refuses before accepting when none matches (it expects "jwt.<token>", "jwt-auth", "bearer.<token>" …).`,
      nextSteps: [
        'Switch the subprotocol style (jwt.<token> vs jwt-auth), or use header or ticket auth for this server.'
      ]
    }
  if (status === 401 || status === 403) {
    if (
      refusal.errorCode === 'AUTH_FAILED' ||
      /auth|token|credential|forbidden|unauthori[sz]ed/i.test(detail)
    )
      return authRefusal(detail || `HTTP ${status}`, status)
    // A bare 403 is either auth or a subprotocol mismatch; say which is likelier, not which it is.
    return {
      component: 'auth',
      rank: RANK.inferred,
      code: 'auth.upgrade-refused',
      title: `The upgrade was refused with HTTP ${status} and no reason`,
      explanation: `HTTP ${status}${said}.${offered ? ` ${offered} subprotocol(s) were offered, so this may also be a subprotocol mismatch.` : ''} The server names no cause; a rejected credential is the usual one.`,
      nextSteps: [
        'Check the token (claims below) and retry with a fresh one.',
        offered
          ? 'Retry with header auth to rule out a subprotocol mismatch.'
          : 'Check that the URL points at the Netra WebSocket endpoint.'
      ]
    }
  }
  if (status === 404 || status === 400 || status === 426 || status === 405)
    return {
      component: 'client',
      rank: RANK.reported,
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
      code: 'client.rate-limited',
      title: 'Rate limited on the upgrade (HTTP 429)',
      explanation: `HTTP 429${said}. Too many connection attempts from this client or user.`,
      nextSteps: ['Wait before reconnecting; reduce retries.']
    }
  if (status === 502 || status === 503 || status === 504) {
    if (refusal.json && refusal.detail)
      return {
        component: 'server',
        rank: RANK.reported,
        code: 'server.upgrade-unavailable',
        title: `The application server refused the upgrade (HTTP ${status})`,
        explanation: `HTTP ${status}${said}. The JSON body comes from the application itself, not a proxy.`,
        nextSteps: [RETRY_LATER]
      }
    return {
      component: 'gateway',
      rank: RANK.decoded,
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
      code: 'server.upgrade-error',
      title: `The server failed on the upgrade (HTTP ${status})`,
      explanation: `HTTP ${status}${said}.`,
      nextSteps: ['Check the server logs for the upgrade request.', RETRY_LATER]
    }
  if (status >= 300 && status < 400)
    return {
      component: 'gateway',
      rank: RANK.decoded,
      code: 'gateway.upgrade-redirected',
      title: `The upgrade was redirected (HTTP ${status})`,
      explanation: `HTTP ${status}${said}. Something in front of the server (a login page, an HTTPS redirect) answered instead of the WebSocket endpoint.`,
      nextSteps: ['Use the final URL directly (often https→wss, or a different host).']
    }
  return {
    component: 'client',
    rank: RANK.decoded,
    code: 'client.not-websocket',
    title: `The URL answered HTTP ${status} instead of switching protocols`,
    explanation: `HTTP ${status}${said}. This URL is not a WebSocket endpoint, or something else answers on it.`,
    nextSteps: ['Check the WebSocket URL of the environment.']
  }
}
