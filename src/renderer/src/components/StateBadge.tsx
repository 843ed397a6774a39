/**
 * The connection states a badge can show (the reducer's plus the list's `closing`), and what stands in
 * for a connection when there is none: a recording opened from disk, or a replay.
 */
export type BadgeState = 'idle' | 'connecting' | 'open' | 'closing' | 'closed' | 'recording' | 'replay'

/** A coloured pill with the live connection state (neutral for a recording or a replay). */
export function StateBadge({ state, testId }: { state: BadgeState; testId?: string }) {
  return (
    <span className={`state-badge state-${state}`} data-testid={testId} data-state={state}>
      <span className="state-dot" aria-hidden="true" />
      {state === 'idle' ? 'not connected' : state}
    </span>
  )
}
