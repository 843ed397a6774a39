import { TimeBoxExpired, timeBox } from '../common/time-box'

/**
 * Settle with `promise`, or reject with `onTimeout()` after `ms`. The underlying call cannot be
 * cancelled (a native keychain call keeps its thread), but the caller is never left waiting.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  return timeBox(ms, () => promise).catch((error: unknown) => {
    throw error instanceof TimeBoxExpired ? onTimeout() : error
  })
}
