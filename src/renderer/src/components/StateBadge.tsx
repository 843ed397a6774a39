/** The connection states a badge can show (the reducer's plus the list's `closing`). */
export type BadgeState = 'idle' | 'connecting' | 'open' | 'closing' | 'closed'

/** A coloured pill with the live connection state. */
export function StateBadge({ state, testId }: { state: BadgeState; testId?: string }) {
  return (
    <span className={`state-badge state-${state}`} data-testid={testId} data-state={state}>
      <span className="state-dot" aria-hidden="true" />
      {state === 'idle' ? 'not connected' : state}
    </span>
  )
}
