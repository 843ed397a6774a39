import type { ContractBackend } from '../../shared/api/contract'
import { isolationOf } from '../../main/isolation/run-isolation-check'
import { runConcurrentSessions, type ConcurrentSessionsOptions } from '../../main/isolation/concurrent-sessions'
import type { IsolationReport } from '../../shared/isolation'
import type { GateCheck } from './gate-check'
import { isolationChecks } from './isolation-checks'
import { userChecks } from './user-checks'

/** What `netra-diag check golden-path` found. */
export type GateResult = {
  check: 'golden-path'
  environment: string
  url: string | null
  users: number
  passed: boolean
  durationMs: number
  checks: GateCheck[]
  /** The leak matrix (receiver × owner) when more than one user ran. */
  isolation: { matrix: number[][]; unowned: number[]; users: string[] } | null
}

/** Run the golden path for N users at once and judge every check; nothing here decides the exit status. */
export async function runGate(backend: ContractBackend, options: ConcurrentSessionsOptions): Promise<GateResult> {
  const started = Date.now()
  const result = await runConcurrentSessions(backend, options)
  const report: IsolationReport = isolationOf(result)
  const checks: GateCheck[] = []
  result.sessions.forEach((session, index) => {
    checks.push(...userChecks({ session, ownRunIds: new Set(report.participants[index].runIds), sla: result.environment.sla }))
  })
  if (options.users > 1) checks.push(...isolationChecks(report))
  return {
    check: 'golden-path',
    environment: result.environment.id,
    url: result.sessions[0]?.model.handshake?.url ?? result.sessions[0]?.model.start?.url ?? null,
    users: options.users,
    passed: checks.every((check) => check.status === 'passed'),
    durationMs: Date.now() - started,
    checks,
    isolation: options.users > 1 ? { matrix: report.matrix, unowned: report.unowned, users: report.participants.map((participant) => participant.label) } : null
  }
}
