import type { FrameRecordDraft } from '../../shared/api/frame-record'
import { TimeBoxExpired, describeError, errorCode } from '../common/time-box'

/** A preflight record before the session stamps it. */
export type PreflightDraft = Extract<FrameRecordDraft, { kind: 'preflight' }>

/**
 * The record of a check that threw: the error's code and a time-box expiry go into `detail`,
 * so every check reports failures the same way and the rules can read them alike.
 */
export function failedCheck(
  check: PreflightDraft['check'],
  name: string,
  target: string,
  /** How long the check ran; null when it could not start (e.g. the URL is unusable). */
  ms: number | null,
  detail: Record<string, unknown>,
  error: unknown
): PreflightDraft {
  const code = errorCode(error)
  return {
    kind: 'preflight',
    dir: 'local',
    check,
    name,
    target,
    ok: false,
    ms,
    status: null,
    detail: { ...detail, ...(code ? { code } : {}), ...(error instanceof TimeBoxExpired ? { timedOut: true } : {}) },
    error: describeError(error)
  }
}
