/** The outcome of one check of the gate. */
export type GateStatus = 'passed' | 'failed' | 'skipped'

/** One check of the QA gate: one JUnit test case, one entry of `--json`'s `checks`. */
export type GateCheck = {
  /** Stable id of the kind of check (`critical-events`), the JUnit classname's last part. */
  id: string
  /** `critical-events [isolation-user-01]`: what a CI reader sees as the test name. */
  name: string
  /** The user (session label) the check is about; null for checks of the whole gate. */
  user: string | null
  status: GateStatus
  /** Passed: what was seen. Failed: what was expected, what arrived, and at which frame seq. */
  message: string
  /** The session the message's frame seqs refer to. */
  sessionId: string | null
  /** Time the checked thing took, in ms, when it has one. */
  ms: number | null
}

/** Build a check; `name` is derived from the id and the user. */
export function gateCheck(fields: Omit<GateCheck, 'name' | 'ms' | 'sessionId'> & { ms?: number | null; sessionId?: string | null }): GateCheck {
  return {
    ...fields,
    name: fields.user ? `${fields.id} [${fields.user}]` : fields.id,
    sessionId: fields.sessionId ?? null,
    ms: fields.ms ?? null
  }
}
