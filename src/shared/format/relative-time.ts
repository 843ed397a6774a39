/**
 * Coarse spans and instants for people: token expiries, "12 min ago", clock times.
 *
 * Unlike `formatDuration` (exact, for measured timings), a span here is floored to two units, because
 * "expires in 1 h 59 min" is what a support engineer reads out, not milliseconds.
 */

/** A coarse span: `45 s`, `12 min`, `1 h 59 min`, `3 d 4 h` (floored, sign dropped). */
export function formatSpan(ms: number): string {
  // Floor, never round up: "expires in 59 min" must not read "1 h" when 59:59 is left.
  const seconds = Math.floor(Math.abs(ms) / 1000)
  if (seconds < 60) return `${seconds} s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes} min`
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`
  const days = Math.floor(hours / 24)
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`
}

/** `expires in 1 h 59 min` or `expired 3 min ago`, for an expiry at `expMs` seen at `nowMs`. */
export function expiryText(expMs: number, nowMs: number): string {
  const left = expMs - nowMs
  return left >= 0 ? `expires in ${formatSpan(left)}` : `expired ${formatSpan(left)} ago`
}

/** `in 3 h 20 min` or `12 min ago`, relative to `now`. */
export function relativeTime(epochMs: number, now: number): string {
  const delta = epochMs - now
  return delta >= 0 ? `in ${formatSpan(delta)}` : `${formatSpan(delta)} ago`
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

/** An epoch-ms instant as `2025-09-14 10:00:00 UTC`: unambiguous whatever the customer's time zone. */
export function formatUtc(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 19).replace('T', ' ')} UTC`
}

/** An epoch-ms instant in UTC to the millisecond, for a hover beside a local clock: `2025-09-14 10:00:00.123 UTC`. */
export function formatUtcPrecise(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 23).replace('T', ' ')} UTC`
}

/** A local date and time for tooltips: `2025-09-01 14:03`. */
export function formatDateTime(epochMs: number): string {
  const date = new Date(epochMs)
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/** Local wall-clock time of day (`14:03:27`) for an epoch-ms instant. */
export function formatClock(epochMs: number): string {
  const date = new Date(epochMs)
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
}

/** Local wall-clock time to the millisecond (`14:03:27.412`), for frames and events that arrive in bursts. */
export function formatClockPrecise(epochMs: number): string {
  return `${formatClock(epochMs)}.${pad(new Date(epochMs).getMilliseconds(), 3)}`
}
