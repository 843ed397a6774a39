/** Exit statuses of `netra-diag`; CI scripts depend on them, so they never change meaning. */
export const EXIT = {
  /** The probe succeeded. */
  ok: 0,
  /** The probe ran and found a failure. */
  failed: 1,
  /** Usage error or internal error. */
  usage: 2
} as const
