import type { PreflightRecord } from '../../api/frame-record'
import { COMPONENT_LABELS, type Component } from '../components'
import type { Evidence } from '../diagnosis-types'
import { healthStatusByComponent, type HealthSignal } from '../health-signals'
import { PREFLIGHT_NAMES } from '../preflight-vocabulary'
import type { SessionEvidence } from '../session-evidence'
import { RANK, formatMs, ranked, type RankedFinding } from './rule-finding'

// Without these the platform cannot serve a connection at all; the others degrade it.
const CRITICAL: ReadonlySet<Component> = new Set([
  'database',
  'auth',
  'server',
  'websocket-manager',
  'message-handler'
])

const NEXT_STEPS: Partial<Record<Component, string>> = {
  database: 'Check Postgres: is it up, reachable from the backend, and is the connection pool exhausted?',
  redis: 'Check Redis: latency, memory and connectivity from the backend.',
  clickhouse: 'Check ClickHouse connectivity from the backend.',
  auth: 'Check the auth service and its database.',
  'agent-supervisor': 'Check that the agent supervisor started (backend startup logs).',
  'agent-bridge': 'Check the agent WebSocket bridge configuration (backend startup logs).',
  server: 'Check the backend process: startup phase, logs, restarts.',
  'websocket-manager': 'Check the WebSocket manager in the backend logs.',
  'message-handler': 'Check the message router in the backend logs.',
  dependencies: 'Check which app services failed to register at startup.',
  integration: 'Check the tool dispatcher / tool classes registration.',
  llm: 'Check the LLM provider configuration and status.'
}

function signalEvidence(signal: HealthSignal): Evidence {
  return { label: signal.source, value: signal.note ?? signal.status, seq: signal.seq }
}

function componentFinding(
  component: Component,
  status: 'failing' | 'degraded',
  signals: HealthSignal[],
  connected: boolean
): RankedFinding {
  const relevant = signals.filter((signal) => signal.status === status || signal.denial)
  const denial = relevant.some((signal) => signal.denial)
  // The auth service only matters once a token must be checked: a session it let through shows it coped.
  const authServiceOnly = relevant.every((signal) => signal.source.startsWith('auth service'))
  const critical = CRITICAL.has(component) && !(authServiceOnly && connected)
  const severity = status === 'failing' && (critical || denial) ? 'error' : 'warning'
  const label = COMPONENT_LABELS[component]
  const startup = component === 'server' && relevant.some((signal) => /startup/i.test(signal.source))
  return ranked(RANK.health, {
    component,
    severity,
    confidence: 'certain',
    code: `${component}.health-${status}`,
    title: startup
      ? 'The server is still starting up'
      : `${label} is ${status === 'failing' ? 'failing' : 'degraded'} according to the health endpoints`,
    explanation:
      `${relevant.map((signal) => signal.source).join('; ')}.` +
      (denial ? ' The server refuses WebSocket connections because of it.' : '') +
      (severity === 'warning' && status === 'failing'
        ? ' It is optional: connections can work without it, with reduced function.'
        : ''),
    evidence: relevant.map(signalEvidence),
    nextSteps: [
      startup
        ? 'Wait for startup to finish, then reconnect; if it never finishes, check the startup phase in the logs.'
        : (NEXT_STEPS[component] ?? 'Check this component in the backend.')
    ]
  })
}

function httpFindings(
  record: PreflightRecord,
  evidence: SessionEvidence,
  tcpFailed: boolean
): RankedFinding[] {
  const proof: Evidence[] = [
    {
      label: record.name,
      value:
        record.status !== null
          ? `HTTP ${record.status}${record.ms !== null ? ` in ${formatMs(record.ms)}` : ''}`
          : (record.error ?? 'no answer'),
      seq: record.seq
    },
    { label: 'url', value: record.target, seq: record.seq }
  ]
  const connected = evidence.attempts.some((attempt) => attempt.view.handshake?.ok)
  const auth = record.name === PREFLIGHT_NAMES.authHealth
  if (record.status === null) {
    if (tcpFailed && !auth) return []
    const timedOut = record.detail.timedOut === true
    return [
      ranked(RANK.health, {
        component: auth ? 'auth' : 'server',
        // A health endpoint that does not answer while the WebSocket works costs the user nothing.
        severity: connected ? 'info' : 'warning',
        confidence: 'certain',
        code: auth ? 'auth.service-unreachable' : 'server.health-unreachable',
        title: `${auth ? 'The auth service' : 'A health endpoint'} did not answer (${record.name})`,
        explanation: timedOut
          ? `No HTTP answer within ${formatMs(record.ms ?? 0)}.`
          : `${record.error ?? 'The request failed'}.`,
        evidence: proof,
        nextSteps: [
          auth
            ? 'Check the auth service: new tokens and token validation depend on it.'
            : 'Check that the HTTP base URL of the environment is right and the server answers HTTP.'
        ]
      })
    ]
  }
  const text = typeof record.detail.text === 'string' ? record.detail.text : null
  if ([502, 503, 504].includes(record.status) && text !== null) {
    proof.push({ label: 'body', value: text.slice(0, 200), seq: record.seq })
    return [
      ranked(RANK.health, {
        component: 'gateway',
        severity: connected ? 'warning' : 'error',
        confidence: 'likely',
        code: 'gateway.health-bad-gateway',
        title: `A gateway answered ${record.name} with HTTP ${record.status}`,
        explanation:
          "The body is not the Netra API's JSON: a proxy or load balancer answered because it could not reach a healthy backend.",
        evidence: proof,
        nextSteps: ['Check the load balancer / ingress and the backend instances behind it.']
      })
    ]
  }
  if (
    record.status >= 200 &&
    record.status < 300 &&
    text !== null &&
    record.name !== PREFLIGHT_NAMES.authHealth
  ) {
    proof.push({ label: 'body', value: text.slice(0, 200), seq: record.seq })
    return [
      ranked(RANK.health, {
        component: 'gateway',
        severity: connected ? 'info' : 'warning',
        confidence: 'likely',
        code: 'gateway.health-not-json',
        title: `${record.name} answered with something other than JSON`,
        explanation: 'A proxy, a login page or another service answers on this URL instead of the Netra API.',
        evidence: proof,
        nextSteps: ["Check the environment's HTTP base URL and any SSO proxy in front of it."]
      })
    ]
  }
  return []
}

/**
 * Health-endpoint rules: per-component statuses from `/ws/health` service_availability,
 * `/health/ready` and `/health`, plus what the HTTP answers themselves show (no answer, a
 * gateway's page instead of JSON).
 */
export function healthEndpointRules(evidence: SessionEvidence): RankedFinding[] {
  const findings: RankedFinding[] = []
  const connected = evidence.attempts.some((attempt) => attempt.view.handshake?.ok === true)
  for (const [component, { status, signals }] of healthStatusByComponent(evidence.health)) {
    if (status === 'failing' || status === 'degraded')
      findings.push(componentFinding(component, status, signals, connected))
  }
  const tcpFailed = evidence.model.preflight.some(
    (record) => (record.check === 'tcp' || record.check === 'dns') && !record.ok
  )
  for (const record of evidence.model.preflight)
    if (record.check === 'http') findings.push(...httpFindings(record, evidence, tcpFailed))
  return findings
}
