import type { ContractBackend } from '../../shared/api/contract'
import { analyseIsolation, type IsolationReport } from '../../shared/isolation'
import { runConcurrentSessions, type ConcurrentSessionsOptions, type ConcurrentSessionsResult } from './concurrent-sessions'

/** The sessions the check ran and what their comparison found. */
export type IsolationCheckResult = ConcurrentSessionsResult & { report: IsolationReport }

/** Run N concurrent users that send at the same moment, then compare their sessions for leaks. */
export async function runIsolationCheck(backend: ContractBackend, options: ConcurrentSessionsOptions): Promise<IsolationCheckResult> {
  const result = await runConcurrentSessions(backend, options)
  return { ...result, report: isolationOf(result) }
}

/** Compare the sessions of a concurrent run (the gate reuses its own run rather than running twice). */
export function isolationOf(result: ConcurrentSessionsResult): IsolationReport {
  return analyseIsolation(result.sessions.map((session) => ({ label: session.label, model: session.model })))
}
