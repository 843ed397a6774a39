/**
 * Durations and offsets that cannot be misread.
 *
 * "+1 349.7 ms" reads as "+1" and "349.7 ms" when the group separator wraps or is taken for a gap, so
 * a value never carries a thousands separator: at a second or more it switches unit ("+1.35 s",
 * "+12 min 5 s", "2 h 3 min"). The same text appears in the UI, the CLI and the exports.
 */

/** The unit text of a non-negative duration; the caller adds the sign. */
function magnitude(abs: number): string {
  // Round to a whole count of each unit's last digit first and check again, so 999.96 ms becomes
  // "1.00 s", never "1000.0 ms" (whole counts also keep binary noise out: 9995 ms is "10.0 s").
  const tenthsOfMs = Math.round(abs * 10)
  if (tenthsOfMs < 10_000) return `${(tenthsOfMs / 10).toFixed(1)} ms`
  const centiSeconds = Math.round(abs / 10)
  if (centiSeconds < 1000) return `${(centiSeconds / 100).toFixed(2)} s`
  const deciSeconds = Math.round(abs / 100)
  if (deciSeconds < 600) return `${(deciSeconds / 10).toFixed(1)} s`
  const seconds = Math.round(abs / 1000)
  const hours = Math.floor(seconds / 3600)
  const minutes = Math.floor((seconds % 3600) / 60)
  const rest = seconds % 60
  // Below an hour the seconds still matter ("12 min 5 s"); above it they are noise ("2 h 3 min").
  if (hours === 0) return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`
  return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`
}

/** A duration: `349.7 ms`, `1.35 s`, `12.3 s`, `12 min 5 s`, `2 h 3 min`; negative with a leading `-`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms)
  const text = magnitude(Math.abs(ms))
  // A value that rounds to zero is shown unsigned: "-0.0 ms" would suggest a direction it lacks.
  return ms < 0 && !/^0(\.0+)? /.test(text) ? `-${text}` : text
}

/** An offset from a start (a frame's time since the session began): `+349.7 ms`, `+1.35 s`, `-2.00 s`. */
export function formatOffset(ms: number): string {
  const text = formatDuration(ms)
  return text.startsWith('-') || !Number.isFinite(ms) ? text : `+${text}`
}
