/** The signal a check's work should obey: its own time box, and the session's cancel when there is one. */
export function withCancel(timeBoxSignal: AbortSignal, cancel: AbortSignal | undefined): AbortSignal {
  return cancel ? AbortSignal.any([timeBoxSignal, cancel]) : timeBoxSignal
}
