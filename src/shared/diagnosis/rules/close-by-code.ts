import { isRoundInterval } from './attempt-timing'
import { RECONNECT, SERVER_LOGS, clientSizes, type CloseFacts } from './close-facts'
import { RANK, formatMs, type RuleConclusion } from './rule-finding'

/** A connection that ended without a close frame: a proxy's idle cut-off, or a drop nobody explained. */
export function noCloseFrame(facts: CloseFacts): RuleConclusion | null {
  const silence = facts.sinceLastFrame ?? 0
  const serverSilence = facts.sinceLastInbound ?? 0
  // A run the server stopped feeding long ago is the server's silence; the liveness rules say so.
  if (facts.runInProgress && serverSilence >= facts.evidence.context.silenceMs) return null
  if (silence >= 1000 && isRoundInterval(silence) && !facts.runInProgress) {
    return {
      component: 'gateway',
      rank: RANK.inferred,
      code: 'gateway.idle-cutoff',
      title: `Connection cut after ${formatMs(silence)} of idle time`,
      explanation: `No frame in either direction for ${formatMs(silence)}, then the TCP connection ended without a close frame. A round interval like this is the signature of an idle timeout in a proxy or load balancer; the app server always sends a close frame.`,
      nextSteps: [
        'Raise the idle timeout of the proxy / load balancer, or enable client pings more often than it.',
        'Enable the client ping interval for this environment.'
      ]
    }
  }
  const when = facts.runInProgress
    ? 'in the middle of a run'
    : facts.greeted
      ? 'while the connection was open'
      : 'right after the upgrade'
  return {
    component: 'network',
    rank: RANK.inferred,
    code: 'network.connection-dropped',
    title: `The connection dropped ${when} without a close frame`,
    explanation: `The socket ended (1006) ${formatMs(facts.sinceHandshake ?? 0)} after the handshake with no close frame and no error event before it. The app server ends connections with a close frame, so the transport broke: a network or proxy fault, or the server process died. The evidence cannot tell these apart.`,
    nextSteps: [
      'Check /health now: if the server restarted, it was the server process.',
      'Otherwise check the network path (VPN, proxies, NAT timeouts) and reconnect.'
    ]
  }
}

function noCloseFrameIdle(facts: CloseFacts): RuleConclusion | null {
  const silence = facts.sinceLastFrame ?? 0
  if (
    facts.close.initiator !== 'server' ||
    facts.runInProgress ||
    silence < 1000 ||
    !isRoundInterval(silence)
  )
    return null
  return {
    component: 'gateway',
    rank: RANK.inferred,
    code: 'gateway.idle-cutoff',
    title: `Connection closed (1001) after ${formatMs(silence)} of idle time`,
    explanation: `No frame in either direction for ${formatMs(silence)}, then 1001 ${facts.close.reason ? `"${facts.close.reason}"` : 'without a reason'}. A round interval like this is the signature of a proxy's idle timeout.`,
    nextSteps: ['Raise the proxy / load balancer idle timeout, or enable client pings more often than it.']
  }
}

/** Closes judged by their code alone, when no Netra reason or error event explains them. */
export function byCode(facts: CloseFacts): RuleConclusion | null {
  const { close } = facts
  const server = close.initiator === 'server'
  switch (close.code) {
    case 1000:
      if (!facts.runInProgress) return null
      return {
        component: 'server',
        rank: RANK.decoded,
        // Closed before the answer: however normal the code, the user gets no answer.
        severity: 'error',
        code: 'server.closed-mid-run',
        title: 'The server ended the connection normally in the middle of a run',
        explanation: `Close 1000 ${close.reason ? `"${close.reason}"` : ''} arrived while a run was still in progress; its remaining events were never delivered.`,
        nextSteps: ['Check whether the server was being stopped or redeployed.', RECONNECT]
      }
    case 1001:
      return (
        noCloseFrameIdle(facts) ?? {
          component: 'server',
          rank: RANK.decoded,
          code: 'server.going-away',
          title: 'The server is going away (1001)',
          explanation: `Close 1001 ${close.reason ? `"${close.reason}"` : 'without a reason'}: the server is shutting down or restarting.`,
          nextSteps: [RECONNECT]
        }
      )
    case 1002:
      return {
        component: 'server',
        rank: RANK.inferred,
        code: 'server.protocol-error',
        title: 'Protocol error (1002)',
        explanation: `Close 1002 ${close.reason ? `"${close.reason}"` : 'without a reason'}, no component named: one side broke the WebSocket protocol. The cause is unknown.`,
        nextSteps: [SERVER_LOGS]
      }
    case 1003:
    case 1007:
      if (server)
        return {
          component: 'client',
          rank: RANK.decoded,
          code: 'client.unsupported-data',
          title: `The server rejected data we sent (${close.code})`,
          explanation: `${facts.interpretation.standard.meaning} The server closed, so it objected to a frame from this client.`,
          nextSteps: ['Check the last message sent before the close (binary frame, invalid UTF-8).']
        }
      return null
    case 1008:
      return {
        component: 'auth',
        rank: RANK.inferred,
        code: 'auth.policy-violation',
        title: `Policy violation (1008) ${close.reason ? `"${close.reason}"` : 'without a reason'}`,
        explanation:
          'The Netra server uses 1008 for rejected credentials and for connection and rate limits; this reason matches none of them, so the exact policy is unknown (a credential problem is the usual one).',
        nextSteps: ['Check the token claims below and retry with a fresh token.', SERVER_LOGS]
      }
    case 1009: {
      if (!server)
        return {
          component: 'server',
          rank: RANK.decoded,
          code: 'server.oversized-frame',
          title: 'The server sent a frame larger than this client accepts',
          explanation: 'This client closed with 1009 because an incoming message exceeded its size limit.',
          nextSteps: ['Check which message the server was sending (a report or a flood).']
        }
      const biggest = Math.max(0, ...clientSizes(facts))
      return {
        component: 'client',
        rank: RANK.decoded,
        code: 'client.message-too-big',
        title: 'The server refused a message as too big (1009)',
        explanation: `The server closed with 1009${close.reason ? ` "${close.reason}"` : ''}; the largest message this client sent was ${biggest} bytes.`,
        nextSteps: ['Send a shorter message, or split large inputs.']
      }
    }
    case 1010:
      return {
        component: 'client',
        rank: RANK.decoded,
        code: 'client.missing-extension',
        title: 'An expected extension was not negotiated (1010)',
        explanation: facts.interpretation.standard.meaning,
        nextSteps: ["Check the client's WebSocket extension settings (permessage-deflate)."]
      }
    case 1012:
      return {
        component: 'server',
        rank: RANK.decoded,
        code: 'server.restart',
        title: 'The server restarted (1012)',
        explanation: `Close 1012 ${close.reason ? `"${close.reason}"` : ''}${facts.runInProgress ? ' in the middle of a run' : ''}: the service is restarting; a reconnect after a short delay should work.`,
        nextSteps: [
          'Reconnect after a few seconds and resend the request.',
          'If restarts repeat, check the deployment for crash loops.'
        ]
      }
    case 1013:
      return {
        component: 'server',
        rank: RANK.decoded,
        code: 'server.try-again-later',
        title: 'The server asked to try again later (1013)',
        explanation: `Close 1013 ${close.reason ? `"${close.reason}"` : ''}: the server is temporarily overloaded or unavailable.`,
        nextSteps: ['Wait the announced delay (30 s by default), then reconnect.']
      }
    case 1014:
      return {
        component: 'gateway',
        rank: RANK.decoded,
        code: 'gateway.bad-gateway',
        title: 'A gateway closed the connection (1014 Bad Gateway)',
        explanation:
          'A proxy or load balancer received an invalid response from the upstream server and closed the WebSocket.',
        nextSteps: ['Check the proxy / load balancer and the backend instances behind it.', RECONNECT]
      }
    case 1015:
      return {
        component: 'tls',
        rank: RANK.decoded,
        code: 'tls.handshake-failed',
        title: 'TLS failure (1015)',
        explanation: facts.interpretation.standard.meaning,
        nextSteps: ['See the TLS preflight evidence.']
      }
  }
  if (close.code >= 3000 && close.code <= 4999 && server)
    return {
      component: 'server',
      rank: RANK.inferred,
      code: 'server.application-close',
      title: `The server closed with its own code ${close.code}`,
      explanation: `${facts.interpretation.standard.meaning} Reason: ${close.reason ? `"${close.reason}"` : 'none'}. Netra defines no meaning for it; the cause is unknown.`,
      nextSteps: [SERVER_LOGS]
    }
  return null
}
