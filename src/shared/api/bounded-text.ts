/**
 * Bounded quoting for error messages that cross the contract boundary.
 *
 * An error that echoed its input in full turned one 4 MB call into a 4 MB error reply (and a
 * 4 MB log line). Whatever a caller sends, an error quotes at most {@link MAX_QUOTED_CHARS} of
 * it, and a whole error message is at most {@link MAX_ERROR_MESSAGE_CHARS} long.
 */

/** Most characters of caller input an error message quotes. */
export const MAX_QUOTED_CHARS = 200

/** Most characters of a whole error message (several bounded quotes plus the explanation). */
export const MAX_ERROR_MESSAGE_CHARS = 2000

/** Cut `text` to `max` characters, saying how many were left out: `abc… (1234 more characters)`. */
export function boundText(text: string, max: number = MAX_QUOTED_CHARS): string {
  if (text.length <= max) return text
  return `${text.slice(0, max)}… (${text.length - max} more characters)`
}

/**
 * Name what kind of value a caller sent, without calling anything on it.
 *
 * `String(value)` runs the value's own `toString`, which a hostile or odd value may lack, make
 * throw, or make huge; `typeof` runs nothing (not even a Proxy's traps).
 */
export function describeKind(value: unknown): string {
  if (value === null) return 'null'
  if (value === undefined) return 'nothing'
  const kind = typeof value
  if (kind === 'object') {
    try {
      return Array.isArray(value) ? 'an array' : 'an object'
    } catch {
      // Array.isArray throws on a revoked Proxy.
      return 'an object'
    }
  }
  return kind === 'undefined' ? 'nothing' : `a ${kind}`
}
