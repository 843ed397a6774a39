import type { Evidence } from '../diagnosis-types'
import type { AttemptEvidence, SessionEvidence } from '../session-evidence'
import { judgeRefusal, proxyRefusal, type RefusalContext } from './refusal-verdicts'
import { RANK, concludeWith, formatMs, ranked, type RankedFinding } from './rule-finding'
import { attemptLabel, softenIfRecovered } from './transient-attempts'
import { judgeTransportError } from './transport-error-verdicts'

const TOKEN_PROTOCOL = /^(jwt|bearer|jwt-auth)\./i

/** Did a credential go out on this upgrade, and is it one the server should take? */
function refusalContext(attempt: AttemptEvidence, evidence: SessionEvidence): RefusalContext {
  const handshake = attempt.view.handshake
  const headers = Object.keys(handshake?.requestHeaders ?? {}).map((name) => name.toLowerCase())
  const url = handshake?.url ?? ''
  const method = evidence.model.start?.authMethod ?? null
  const token = evidence.model.token
  const tokenSent =
    headers.includes('authorization') ||
    (handshake?.subprotocolsOffered ?? []).some((entry) => TOKEN_PROTOCOL.test(entry)) ||
    /[?&](token|jwt|auth_token|access_token|ticket)=/.test(url) ||
    (method !== null && method !== 'none' && token !== null)
  const { claims } = token ?? { claims: null }
  const at = evidence.context.wallClock !== null && handshake ? evidence.context.wallClock + handshake.t : evidence.context.nowMs
  const tokenValid =
    token !== null &&
    token.decodable &&
    claims !== null &&
    claims.sub !== null &&
    claims.iat !== null &&
    claims.hasJti &&
    claims.exp !== null &&
    (at === null || claims.exp * 1000 > at)
  return { tokenSent, tokenValid, health: evidence.health }
}

function judgeAttempt(attempt: AttemptEvidence, session: SessionEvidence): RankedFinding[] {
  const { handshake } = attempt.view
  const label = attemptLabel(attempt)
  if (!handshake) {
    const setup = attempt.view.errors.find((error) => error.code === 'auth-setup')
    if (!setup) return []
    return [
      ranked(RANK.reported, {
        component: 'auth',
        severity: 'error',
        confidence: 'certain',
        code: 'auth.setup-failed',
        title: 'The credential step before the upgrade failed',
        explanation: `Before connecting: ${setup.message}.`,
        evidence: [{ label: `auth setup${label}`, value: setup.message, seq: setup.seq }],
        nextSteps: ['Check the credential for this environment (and the ticket endpoint for ticket auth).']
      })
    ]
  }
  if (handshake.ok) return []
  const context = refusalContext(attempt, session)
  const verdict =
    handshake.status !== null
      ? judgeRefusal(handshake, handshake.status, context)
      : judgeTransportError(handshake.error ?? 'unknown error')
  const rival = handshake.status !== null ? proxyRefusal(handshake, handshake.status, context) : null
  const evidence: Evidence[] = [
    {
      label: `upgrade${label}`,
      value:
        handshake.status !== null
          ? `HTTP ${handshake.status} ${handshake.statusText ?? ''}`.trim()
          : (handshake.error ?? 'failed'),
      seq: handshake.seq
    },
    { label: 'time to answer', value: formatMs(handshake.ms), seq: handshake.seq }
  ]
  if (handshake.body)
    evidence.push({ label: 'refusal body', value: handshake.body.slice(0, 300), seq: handshake.seq })
  const contentType = Object.entries(handshake.responseHeaders).find(([name]) => name.toLowerCase() === 'content-type')
  if (contentType) evidence.push({ label: 'content-type', value: contentType[1], seq: handshake.seq })
  const proxy = Object.entries(handshake.responseHeaders).find(([name]) => /^(server|via)$/i.test(name))
  if (proxy) evidence.push({ label: proxy[0].toLowerCase(), value: proxy[1], seq: handshake.seq })
  if (handshake.subprotocolsOffered.length)
    evidence.push({
      label: 'subprotocols offered',
      value: handshake.subprotocolsOffered.join(', '),
      seq: handshake.seq
    })
  return [concludeWith(verdict, evidence), ...(rival ? [concludeWith(rival, evidence)] : [])]
}

/**
 * Handshake rules: a refusal before accept arrives as an HTTP status (PROTOCOL.md §5), so
 * its body decides — auth, "Service not ready: <services>", no matching subprotocol, a
 * gateway's 502/503/504 — and a socket or TLS error without any answer points at the path.
 */
export function handshakeRules(evidence: SessionEvidence): RankedFinding[] {
  return evidence.attempts.flatMap((attempt) => softenIfRecovered(judgeAttempt(attempt, evidence), attempt, evidence))
}
