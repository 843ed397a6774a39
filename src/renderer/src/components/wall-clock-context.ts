import { createContext } from 'react'

/**
 * The session's wall-clock anchor (epoch ms of its `session-start`), so each frame row can show
 * its clock time beside its offset; null where there is no session start (the offset alone shows).
 */
export const WallClockContext = createContext<number | null>(null)

/** Local clock time with milliseconds, e.g. `14:03:27.123`. */
export function formatClockMs(epochMs: number): string {
  const date = new Date(epochMs)
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0')
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`
}
