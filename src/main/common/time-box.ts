/** Thrown when a check runs past its time box. */
export class TimeBoxExpired extends Error {
  readonly code = 'ETIMEDOUT'
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`)
  }
}

/**
 * Run `work` for at most `ms`: on expiry the signal aborts (so the work can destroy its
 * socket) and the promise rejects with TimeBoxExpired. A check can never hang preflight.
 */
export function timeBox<T>(ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController()
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      const expired = new TimeBoxExpired(ms)
      controller.abort(expired)
      reject(expired)
    }, ms)
    work(controller.signal).then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error)
      }
    )
  })
}

/** `code` of a Node error (`ECONNREFUSED`, `ENOTFOUND`…), or null. */
export function errorCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : null
}

/** A short error text: `CODE: message`. */
export function describeError(error: unknown): string {
  const code = errorCode(error)
  const message = error instanceof Error ? error.message : String(error)
  return code && !message.includes(code) ? `${code}: ${message}` : message
}
