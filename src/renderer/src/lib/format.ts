/**
 * Number formatting for wire data.
 *
 * Support engineers read these numbers aloud to customers, so digits are grouped with a
 * plain space (`100 000`, `+1 234.5 ms`) — unambiguous in every locale, unlike `,` or `.`.
 */

function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ' ')
}

/** An integer count with grouped digits: `100 000`. */
export function formatCount(value: number): string {
  const sign = value < 0 ? '-' : ''
  return sign + group(String(Math.trunc(Math.abs(value))))
}

/** Milliseconds with one decimal and grouped digits: `1 234.5 ms`. */
export function formatMs(ms: number): string {
  const [whole, fraction] = Math.abs(ms).toFixed(1).split('.')
  return `${ms < 0 ? '-' : ''}${group(whole)}.${fraction} ms`
}

/** A time offset since session start: `+1 234.5 ms`. */
export function formatOffset(ms: number): string {
  return ms < 0 ? formatMs(ms) : `+${formatMs(ms)}`
}

/** A byte size: `812 B`, `3.4 KB`, `12.0 MB` (binary multiples, as the wire counts them). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

/**
 * 8 distinguishing characters of an id: enough to tell runs apart in a dense list.
 * A kind prefix (`run_`, `thread_`) is dropped first, since every id in a column shares it.
 */
export function shortId(id: string): string {
  const body = id.replace(/^[a-z]+_(?=[0-9a-z]{8})/i, '')
  return body.length > 8 ? body.slice(0, 8) : body
}

/** Wall-clock time of day (`14:03:27`) for an epoch-ms anchor. */
export function formatClock(epochMs: number): string {
  const date = new Date(epochMs)
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
}
