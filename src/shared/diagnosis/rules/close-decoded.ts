import type { Component } from '../components'
import { RECONNECT, SERVER_LOGS, clientSizes, type CloseFacts } from './close-facts'
import { RANK, type RuleConclusion } from './rule-finding'

const DECODED: Partial<Record<string, (facts: CloseFacts) => Omit<RuleConclusion, 'component' | 'rank'>>> = {
  'startup-timeout': () => ({
    code: 'server.startup-timeout',
    title: 'The server was still starting: the queued connection timed out (1001 "Startup timeout")',
    explanation:
      'The upgrade was accepted during a cold start and queued; startup did not finish in time, so the server closed without ever greeting.',
    nextSteps: [
      'Wait for startup to finish (/health stops answering 503 startup_in_progress), then reconnect.',
      'If startup never finishes, check the startup phase shown by /health and the backend logs.'
    ]
  }),
  'auth-failed': (facts) => ({
    code: 'auth.rejected-after-accept',
    title: 'The server rejected the credential after accepting the connection (1008)',
    explanation: `Close 1008 "${facts.close.reason}"${facts.interpretation.netra?.errorEvent ? ', after an AUTH_FAILED error' : ''}.`,
    nextSteps: [
      'Check the token claims below and get a fresh token.',
      'If a fresh token fails too, check the auth service health.'
    ]
  }),
  'auth-token-problem': (facts) => ({
    code: 'auth.rejected-after-accept',
    title: 'The server rejected the credential after accepting the connection (1008)',
    explanation: `Close 1008 "${facts.close.reason}".`,
    nextSteps: ['Check the token claims below and get a fresh token.']
  }),
  'too-many-connections': (facts) => ({
    code: 'websocket-manager.too-many-connections',
    title: 'Too many concurrent connections for this user (1008)',
    explanation: `Close 1008 "${facts.close.reason}": the per-user connection limit (5 in staging and production, 10 elsewhere) was reached.`,
    nextSteps: ['Close other sessions of this user (other tabs, stuck clients), then reconnect.']
  }),
  'rate-limit': (facts) => ({
    code: 'client.rate-limited',
    title: 'Rate limited (1008)',
    explanation: `Close 1008 "${facts.close.reason}": this client or user made too many requests.`,
    nextSteps: [
      `Wait ${/after (\d+)\s*s/i.exec(facts.close.reason)?.[1] ?? 'the announced'} seconds before reconnecting; reduce automatic retries.`
    ]
  }),
  'factory-init-failed': () => ({
    code: 'websocket-manager.factory-failed',
    title: 'The WebSocket manager factory failed (1011 "Factory initialization failed")',
    explanation: 'The server could not create the per-user isolated WebSocket manager for this connection.',
    nextSteps: ['Check the backend logs of the WebSocket manager factory.', RECONNECT]
  }),
  'services-not-ready': () => ({
    code: 'dependencies.services-not-ready',
    title: 'Services the WebSocket route depends on are missing (1011 "Services not ready")',
    explanation:
      'The server accepted the connection but the services it needs were not in its application state, and no health endpoint showed a failing store.',
    nextSteps: ['Check the backend startup logs for services that failed to register.', RECONNECT]
  }),
  'service-restart': () => ({
    code: 'server.restart',
    title: 'The server restarted (1012)',
    explanation: 'The service is restarting; a reconnect after a short delay should work.',
    nextSteps: ['Reconnect after a few seconds and resend the request.']
  }),
  'try-again-later': (facts) => ({
    code: 'server.try-again-later',
    title: 'The server asked to try again later (1013)',
    explanation: `Close 1013 "${facts.close.reason}": the server is temporarily unable to take connections.`,
    nextSteps: [`Wait ${/retry in (\d+)/i.exec(facts.close.reason)?.[1] ?? '30'} seconds, then reconnect.`]
  }),
  'invalid-websocket-state': () => ({
    code: 'websocket-manager.invalid-state',
    title: 'The server found the WebSocket in an invalid state (1002)',
    explanation: 'The WebSocket manager hit a protocol/state error (INVALID_WEBSOCKET_STATE).',
    nextSteps: [SERVER_LOGS, RECONNECT]
  }),
  'message-too-big': (facts) => {
    const biggest = Math.max(0, ...clientSizes(facts))
    return {
      code: 'client.message-too-big',
      title: 'The server refused a message as too big (1009)',
      explanation: `Close 1009 "${facts.close.reason}"; the largest message this client sent was ${biggest} bytes.`,
      nextSteps: ['Send a shorter message, or split large inputs.']
    }
  }
}

/** A close whose reason the Netra table decodes to a definite component. */
export function decoded(facts: CloseFacts, component: Component): RuleConclusion {
  const row = facts.interpretation.netra?.reasonMatch ?? ''
  const make = DECODED[row]
  if (!make)
    return {
      component,
      rank: RANK.decoded,
      code: `${component}.closed`,
      title: `Close ${facts.close.code} "${facts.close.reason}"`,
      explanation: facts.interpretation.netra?.meaning ?? '',
      nextSteps: [RECONNECT]
    }
  return { component, rank: RANK.decoded, ...make(facts) }
}
