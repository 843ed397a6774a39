import type { FrameRecordDraft } from '../../shared/api/frame-record'

/** A preflight record before the session stamps it. */
export type PreflightDraft = Extract<FrameRecordDraft, { kind: 'preflight' }>
