import { RANK } from './rule-finding'
import type { RuleConclusion } from './rule-finding'

/** Decide what an upgrade that got no HTTP answer at all (socket or TLS error) says. */
export function judgeTransportError(error: string): RuleConclusion {
  const rank = RANK.inferred
  if (/ENOTFOUND|EAI_AGAIN|getaddrinfo/i.test(error))
    return {
      component: 'network',
      rank,
      confidence: 'certain',
      code: 'network.dns-failed',
      title: "The server's host name does not resolve",
      explanation: `The upgrade failed: ${error}.`,
      nextSteps: ['Check the host name, VPN and DNS settings.']
    }
  if (/ECONNREFUSED/i.test(error))
    return {
      component: 'network',
      rank,
      confidence: 'certain',
      code: 'network.connection-refused',
      title: "Nothing accepts connections on the server's port",
      explanation: `The upgrade failed: ${error}. The host answered but no process listens on that port, or a firewall rejects it.`,
      nextSteps: ['Check that the server runs and listens on that port; check firewalls.']
    }
  if (/ECONNRESET|EPIPE|socket hang up/i.test(error))
    return {
      component: 'network',
      rank,
      code: 'network.connection-reset',
      title: 'The connection was reset during the upgrade',
      explanation: `The upgrade failed: ${error}.`,
      nextSteps: ['Retry; if it repeats, check proxies and firewalls on the path.']
    }
  if (/ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|ENETDOWN/i.test(error))
    return {
      component: 'network',
      rank,
      code: 'network.unreachable',
      title: 'The server could not be reached',
      explanation: `The upgrade failed: ${error}.`,
      nextSteps: ['Check the network path (VPN, firewall, routing).']
    }
  if (/certificate|self[- ]signed|CERT_|SSL|TLS|altnames|Hostname\/IP/i.test(error))
    return {
      component: 'tls',
      rank,
      confidence: 'certain',
      code: 'tls.handshake-failed',
      title: 'The TLS handshake failed',
      explanation: `The upgrade failed: ${error}.`,
      nextSteps: ['See the TLS preflight evidence for the certificate; fix the certificate or trust its CA.']
    }
  if (/timed out/i.test(error))
    return {
      component: 'server',
      rank,
      code: 'server.upgrade-timeout',
      title: 'The server never answered the upgrade',
      explanation: `The upgrade failed: ${error}. The TCP connection opened but no HTTP answer came; the server (or a proxy in front of it) is stuck.`,
      nextSteps: ['Check /health and the server logs; retry later.']
    }
  if (/invalid url|ERR_INVALID_URL|unsupported protocol/i.test(error))
    return {
      component: 'client',
      rank,
      code: 'client.invalid-url',
      title: 'The WebSocket URL is invalid',
      explanation: `The upgrade could not start: ${error}.`,
      nextSteps: ["Fix the environment's WebSocket URL (ws:// or wss://)."]
    }
  return {
    component: 'server',
    rank,
    confidence: 'possible',
    code: 'server.upgrade-failed',
    title: 'The upgrade failed for an unknown reason',
    explanation: `The upgrade failed: ${error}. The evidence does not show which side failed.`,
    nextSteps: ['Check the raw error and the preflight checks below.']
  }
}
