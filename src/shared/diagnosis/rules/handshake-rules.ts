import type { Evidence } from '../diagnosis-types'
import type { AttemptEvidence, SessionEvidence } from '../session-evidence'
import { judgeRefusal } from './refusal-verdicts'
import { RANK, concludeWith, formatMs, ranked, type RankedFinding } from './rule-finding'
import { attemptLabel, softenIfRecovered } from './transient-attempts'
import { judgeTransportError } from './transport-error-verdicts'

function judgeAttempt(attempt: AttemptEvidence): RankedFinding[] {
  const { handshake } = attempt.view
  const label = attemptLabel(attempt)
  if (!handshake) {
    const setup = attempt.view.errors.find((error) => error.code === 'auth-setup')
    if (!setup) return []
    return [
      ranked(RANK.reported, {
        component: 'auth',
        severity: 'error',
        code: 'auth.setup-failed',
        title: 'The credential step before the upgrade failed',
        explanation: `Before connecting: ${setup.message}.`,
        evidence: [{ label: `auth setup${label}`, value: setup.message, seq: setup.seq }],
        nextSteps: ['Check the credential for this environment (and the ticket endpoint for ticket auth).']
      })
    ]
  }
  if (handshake.ok) return []
  const verdict =
    handshake.status !== null
      ? judgeRefusal(handshake, handshake.status)
      : judgeTransportError(handshake.error ?? 'unknown error')
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
  if (handshake.subprotocolsOffered.length)
    evidence.push({
      label: 'subprotocols offered',
      value: handshake.subprotocolsOffered.join(', '),
      seq: handshake.seq
    })
  return [concludeWith(verdict, evidence)]
}

/**
 * Handshake rules: a refusal before accept arrives as an HTTP status (PROTOCOL.md §5), so
 * its body decides — auth, "Service not ready: <services>", no matching subprotocol, a
 * gateway's 502/503/504 — and a socket or TLS error without any answer points at the path.
 */
export function handshakeRules(evidence: SessionEvidence): RankedFinding[] {
  return evidence.attempts.flatMap((attempt) => softenIfRecovered(judgeAttempt(attempt), attempt, evidence))
}
