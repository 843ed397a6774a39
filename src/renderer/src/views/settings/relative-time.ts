const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** A duration the way people say it at a glance: `45 s`, `12 min`, `3 h 20 min`, `4 d`. */
function spoken(ms: number): string {
  if (ms < MINUTE) return `${Math.max(1, Math.round(ms / 1000))} s`
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min`
  if (ms < DAY) {
    const hours = Math.floor(ms / HOUR)
    const minutes = Math.floor((ms % HOUR) / MINUTE)
    return minutes ? `${hours} h ${minutes} min` : `${hours} h`
  }
  return `${Math.floor(ms / DAY)} d`
}

/** `in 3 h 20 min` or `12 min ago`, relative to `now`. */
export function relativeTime(epochMs: number, now: number): string {
  const delta = epochMs - now
  return delta >= 0 ? `in ${spoken(delta)}` : `${spoken(-delta)} ago`
}

/** A local date and time for tooltips: `2025-09-01 14:03`. */
export function formatDateTime(epochMs: number): string {
  const date = new Date(epochMs)
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`
}
