import type { Evidence } from '../diagnosis-types'
import type { SessionEvidence } from '../session-evidence'
import { RANK, ranked, type RankedFinding } from './rule-finding'

/**
 * Identity rules: the server must treat this session as the token's user and show it only
 * that user's events. A different `connection_established.user_id` means a permissive demo
 * mode (or a mix-up); an event carrying someone else's `user_id` is a cross-user leak.
 */
export function identityRules(evidence: SessionEvidence): RankedFinding[] {
  const findings: RankedFinding[] = []
  const token = evidence.model.token
  const sub = token?.decodable ? token.claims.sub : null
  const greeting = evidence.events.find((entry) => entry.event.type === 'connection_established')
  const serverUser = greeting?.event.userId ?? null
  if (sub && serverUser && serverUser !== sub && greeting) {
    const demo = /^demo[-_]/i.test(serverUser)
    findings.push(
      ranked(RANK.quality, {
        component: 'auth',
        severity: 'warning',
        confidence: 'certain',
        code: 'auth.demo-mode',
        title: demo
          ? `The server runs in demo mode: every connection is "${serverUser}"`
          : `The server treats this session as another user ("${serverUser}")`,
        explanation: `The token's subject is "${sub}" but connection_established reports user "${serverUser}". ${demo ? 'A permissive demo mode maps every connection to one shared user, so authentication is effectively off and all sessions share data.' : "The server did not use the token's identity."}`,
        evidence: [
          { label: 'token sub', value: sub, seq: token?.seq },
          { label: 'connection_established.user_id', value: serverUser, seq: greeting.seq }
        ],
        nextSteps: [
          'Do not use this environment for real customer data while demo mode is on.',
          'Turn demo mode off in the server configuration (non-production only).'
        ]
      })
    )
  }
  const { foreignEvents, expectedUser, expectedUserSource } = evidence.ownership
  if (foreignEvents.length > 0 && expectedUser) {
    const proof: Evidence[] = [{ label: `this session's user (${expectedUserSource})`, value: expectedUser }]
    for (const entry of foreignEvents.slice(0, 8)) {
      proof.push({
        label: `${entry.event.type}${entry.event.agentName ? ` from ${entry.event.agentName}` : ''}`,
        value: `user_id ${entry.event.userId}, run_id ${entry.event.runId ?? '—'}`,
        seq: entry.seq
      })
    }
    const users = [...new Set(foreignEvents.map((entry) => entry.event.userId))]
    findings.push(
      ranked(RANK.reported, {
        component: 'websocket-manager',
        severity: 'error',
        confidence: 'certain',
        code: 'websocket-manager.cross-user-leak',
        title: `Events of another user reached this session (${foreignEvents.length} event${foreignEvents.length === 1 ? '' : 's'})`,
        explanation: `This connection belongs to "${expectedUser}" but received events for ${users.map((user) => `"${user}"`).join(', ')}. Per-user isolation in the WebSocket manager is broken: other users' data can leak, and those events are missing from their own sessions.`,
        evidence: proof,
        nextSteps: [
          'Treat this as a security incident: stop using the environment for customer data and report it with this session file.',
          'Check the per-user WebSocket manager / emitter isolation in the backend.'
        ]
      })
    )
  }
  return findings
}
