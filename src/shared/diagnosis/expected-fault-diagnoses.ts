import type { Component } from './components'
import type { Verdict } from './diagnosis-types'

/** What the diagnosis must conclude for one sandbox fault: the top finding's component and the verdict. */
export type ExpectedFaultDiagnosis = { topComponent: Component; verdict: Verdict }

/**
 * The expected diagnosis for every sandbox fault (src/main/sandbox/faults/catalog.ts), as
 * observed by a client with preflight on the default `beta-17` generation; entries keyed
 * `<fault>@component-codes` cover the component-codes generation where what the client
 * observes differs (a `"<Component>: …"` close or an error event then a drop).
 *
 * `server-silent` assumes the diagnosis is made at least `silenceMs` after the last frame
 * (pass `elapsedMs`, and a `silenceMs` shorter than the probe's wait). `integration-failure`
 * on beta-17 closes 1011 "Processing error" before any message with every health endpoint
 * green: nothing on the wire names Integration, so the honest answer is `server`.
 *
 * Verdicts follow the one rule of `verdictFor`: `missing-tool-completed` and
 * `optimization-before-data` deliver the answer, so they degrade rather than fail; a refusal
 * for no matching subprotocol is the credential's presentation, so it is `auth`.
 */
export const EXPECTED_FAULT_DIAGNOSES: Readonly<Record<string, ExpectedFaultDiagnosis>> = {
  'token-rejected': { topComponent: 'auth', verdict: 'failing' },
  'auth-failed-after-accept': { topComponent: 'auth', verdict: 'failing' },
  'auth-failed-after-accept@component-codes': { topComponent: 'auth', verdict: 'failing' },
  'no-matching-subprotocol': { topComponent: 'auth', verdict: 'failing' },
  'expired-token': { topComponent: 'auth', verdict: 'failing' },
  'wrong-env': { topComponent: 'auth', verdict: 'failing' },
  'readiness-refusal': { topComponent: 'database', verdict: 'failing' },
  'database-down': { topComponent: 'database', verdict: 'failing' },
  'database-down@component-codes': { topComponent: 'database', verdict: 'failing' },
  'redis-degraded': { topComponent: 'redis', verdict: 'degraded' },
  'redis-degraded@component-codes': { topComponent: 'redis', verdict: 'degraded' },
  'factory-failure': { topComponent: 'websocket-manager', verdict: 'failing' },
  'factory-failure@component-codes': { topComponent: 'websocket-manager', verdict: 'failing' },
  'agent-death': { topComponent: 'agent-supervisor', verdict: 'failing' },
  'bare-1011': { topComponent: 'server', verdict: 'failing' },
  'tcp-drop': { topComponent: 'network', verdict: 'failing' },
  'server-silent': { topComponent: 'server', verdict: 'failing' },
  'slow-llm': { topComponent: 'llm', verdict: 'degraded' },
  'missing-tool-completed': { topComponent: 'agent-bridge', verdict: 'degraded' },
  'optimization-before-data': { topComponent: 'agent-supervisor', verdict: 'degraded' },
  'cross-user-leak': { topComponent: 'websocket-manager', verdict: 'failing' },
  'demo-mode': { topComponent: 'auth', verdict: 'degraded' },
  'rate-limit': { topComponent: 'client', verdict: 'failing' },
  'too-many-connections': { topComponent: 'websocket-manager', verdict: 'failing' },
  'restart-1012': { topComponent: 'server', verdict: 'failing' },
  'try-again-1013': { topComponent: 'server', verdict: 'failing' },
  'message-too-big-1009': { topComponent: 'client', verdict: 'failing' },
  'malformed-json-frame': { topComponent: 'agent-bridge', verdict: 'degraded' },
  'cold-start': { topComponent: 'server', verdict: 'failing' },
  'message-handler-failure': { topComponent: 'message-handler', verdict: 'failing' },
  'message-handler-failure@component-codes': { topComponent: 'message-handler', verdict: 'failing' },
  'dependencies-failure': { topComponent: 'dependencies', verdict: 'failing' },
  'dependencies-failure@component-codes': { topComponent: 'dependencies', verdict: 'failing' },
  'redis-failure': { topComponent: 'redis', verdict: 'failing' },
  'redis-failure@component-codes': { topComponent: 'redis', verdict: 'failing' },
  'agent-supervisor-failure': { topComponent: 'agent-supervisor', verdict: 'failing' },
  'agent-supervisor-failure@component-codes': { topComponent: 'agent-supervisor', verdict: 'failing' },
  'bridge-failure': { topComponent: 'agent-bridge', verdict: 'failing' },
  'bridge-failure@component-codes': { topComponent: 'agent-bridge', verdict: 'failing' },
  'integration-failure': { topComponent: 'server', verdict: 'failing' },
  'integration-failure@component-codes': { topComponent: 'integration', verdict: 'failing' }
}
