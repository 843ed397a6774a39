import { formatDateTime, relativeTime } from '../../lib/relative-time'
import { expiryAt } from './token-status'

/** A token's expiry at a glance: valid (and for how long), expiring soon, or expired (and since when). */
export function ExpiryBadge({ expiresAt, now }: { expiresAt: number | null; now: number }) {
  const state = expiryAt({ expiresAt }, now)
  if (expiresAt === null) {
    return (
      <span
        className="expiry-badge expiry-none"
        data-testid="expiry-badge"
        data-expiry="none"
        title="The secret carries no expiry"
      >
        no expiry
      </span>
    )
  }
  const when = relativeTime(expiresAt, now)
  const text =
    state === 'expired'
      ? `expired ${when}`
      : state === 'expiring-soon'
        ? `expires ${when}`
        : `valid · expires ${when}`
  return (
    <span
      className={`expiry-badge expiry-${state}`}
      data-testid="expiry-badge"
      data-expiry={state}
      title={`exp ${formatDateTime(expiresAt)}`}
    >
      {state === 'valid' ? null : '⚠ '}
      {text}
    </span>
  )
}
