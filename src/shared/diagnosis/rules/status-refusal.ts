import { COMPONENT_LABELS, type Component } from '../components'
import type { HealthSignal } from '../health-signals'
import type { RefusalContext } from './refusal-verdicts'
import { RANK, type RuleConclusion } from './rule-finding'

/** Components a failing critical service or a connection denial at preflight names, most telling first. */
export function deniedBy(health: readonly HealthSignal[]): Array<{ component: Component; source: string }> {
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

/** Next step for refusals that usually pass. */
export const RETRY_LATER = 'Retry in a minute; if it persists, check the deployment status of the backend.'

/** A refusal whose status decides (wrong path, rate limit, gateways, server errors, redirects). */
export function statusRefusal(status: number, said: string, appJson: boolean, context: RefusalContext): RuleConclusion {
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
