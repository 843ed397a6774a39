/**
 * Is `text` exactly one valid JSON value on one line (no raw CR or LF anywhere)?
 *
 * Such text can be embedded in a recording line as a raw JSON value instead of a re-escaped
 * string, and cut back out byte for byte. V8's `JSON.parse` is the fastest validator available
 * here (a hand-written scanner measured 1.2–2.5× slower on 1 KB frames), so it is the check.
 */
export function isSingleLineJson(text: string): boolean {
  if (text.length === 0 || text.includes('\n') || text.includes('\r')) return false
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}
