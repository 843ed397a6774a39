import type { FrameRecord } from '../../api/frame-record'
import type { Chooser } from './chooser'

/**
 * One thing real Netra servers do differently from our sandbox without changing what the
 * session means (PROTOCOL.md §3–4). Applied to a recorded session, it must never change the
 * diagnosis: the top component and the verdict stay, and a healthy session stays healthy.
 */
export type SessionTransformation = {
  /** Stable kebab-case id (shown in counterexamples and the README). */
  id: string
  /** What a real server does, in one line. */
  title: string
  /** Rewrite a session's records; every choice comes from `choose`, so a seed replays it exactly. */
  apply(records: readonly FrameRecord[], choose: Chooser): FrameRecord[]
}
