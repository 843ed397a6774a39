/** Exit statuses of `netra-diag`; CI scripts depend on them, so they never change meaning. */
export const EXIT = {
  /** Healthy (or, for other commands, success). */
  ok: 0,
  /** The probe found the connection degraded. */
  degraded: 1,
  /** Another command could not do what was asked (e.g. the keychain refused). */
  failed: 1,
  /** Usage error or internal error. */
  usage: 2,
  /** The probe found the connection failing. */
  failing: 3
} as const

/** The exit status of a probe verdict. */
export function exitForVerdict(verdict: 'healthy' | 'degraded' | 'failing'): number {
  return verdict === 'healthy' ? EXIT.ok : verdict === 'degraded' ? EXIT.degraded : EXIT.failing
}
