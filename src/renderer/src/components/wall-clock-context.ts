import { createContext } from 'react'

/**
 * The session's wall-clock anchor (epoch ms of its `session-start`), so each frame row can show
 * its clock time beside its offset; null where there is no session start (the offset alone shows).
 */
export const WallClockContext = createContext<number | null>(null)

/** Local clock time with milliseconds, e.g. `14:03:27.123` (the shared formatter's). */
export { formatClockPrecise as formatClockMs } from '../../../shared/format/relative-time'
