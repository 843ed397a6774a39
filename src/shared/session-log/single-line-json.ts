/** Deepest nesting the check follows; deeper text is simply not embedded raw (it is stored escaped). */
const MAX_DEPTH = 256

const SPACE = 0x20
const TAB = 0x09
const QUOTE = 0x22
const BACKSLASH = 0x5c

/** Skip spaces and tabs only: a raw newline would split the record's line, so it disqualifies the text. */
function skipBlanks(text: string, at: number): number {
  let i = at
  while (i < text.length) {
    const c = text.charCodeAt(i)
    if (c !== SPACE && c !== TAB) break
    i++
  }
  return i
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
}

// Runs of ordinary string characters are skipped by the regex engine (compiled), not char by char.
// eslint-disable-next-line no-control-regex -- control characters end the run: JSON strings cannot hold them raw
const PLAIN_RUN = /[^"\\\u0000-\u001f]*/y

/** End of the string starting at `at` (the opening quote), or -1. */
function endOfString(text: string, at: number): number {
  let i = at + 1
  while (i < text.length) {
    PLAIN_RUN.lastIndex = i
    PLAIN_RUN.test(text)
    i = PLAIN_RUN.lastIndex
    const c = text.charCodeAt(i)
    if (c === QUOTE) return i + 1
    if (c < SPACE) return -1
    if (c === BACKSLASH) {
      const e = text.charCodeAt(i + 1)
      if (e === 0x75) {
        // \uXXXX
        if (!(isHex(text.charCodeAt(i + 2)) && isHex(text.charCodeAt(i + 3)) && isHex(text.charCodeAt(i + 4)) && isHex(text.charCodeAt(i + 5)))) return -1
        i += 6
        continue
      }
      // " \ / b f n r t
      if (e !== QUOTE && e !== BACKSLASH && e !== 0x2f && e !== 0x62 && e !== 0x66 && e !== 0x6e && e !== 0x72 && e !== 0x74) return -1
      i += 2
      continue
    }
    i++
  }
  return -1
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39
}

/** End of the number starting at `at`, or -1 (JSON's grammar: no leading zeros, no bare dot, no `+`). */
function endOfNumber(text: string, at: number): number {
  let i = at
  if (text.charCodeAt(i) === 0x2d) i++
  const first = text.charCodeAt(i)
  if (first === 0x30) i++
  else if (first >= 0x31 && first <= 0x39) while (isDigit(text.charCodeAt(i))) i++
  else return -1
  if (text.charCodeAt(i) === 0x2e) {
    i++
    if (!isDigit(text.charCodeAt(i))) return -1
    while (isDigit(text.charCodeAt(i))) i++
  }
  const e = text.charCodeAt(i)
  if (e === 0x65 || e === 0x45) {
    i++
    const sign = text.charCodeAt(i)
    if (sign === 0x2b || sign === 0x2d) i++
    if (!isDigit(text.charCodeAt(i))) return -1
    while (isDigit(text.charCodeAt(i))) i++
  }
  return i
}

/** End of the JSON value starting at `at` (after blanks), or -1. */
function endOfValue(text: string, at: number, depth: number): number {
  const i = skipBlanks(text, at)
  const c = text.charCodeAt(i)
  if (c === QUOTE) return endOfString(text, i)
  if (c === 0x7b) return depth >= MAX_DEPTH ? -1 : endOfContainer(text, i, depth, true)
  if (c === 0x5b) return depth >= MAX_DEPTH ? -1 : endOfContainer(text, i, depth, false)
  if (c === 0x74) return text.startsWith('true', i) ? i + 4 : -1
  if (c === 0x66) return text.startsWith('false', i) ? i + 5 : -1
  if (c === 0x6e) return text.startsWith('null', i) ? i + 4 : -1
  return endOfNumber(text, i)
}

/** End of an object (`{…}`) or array (`[…]`) starting at `at`, or -1. */
function endOfContainer(text: string, at: number, depth: number, object: boolean): number {
  const close = object ? 0x7d : 0x5d
  let i = skipBlanks(text, at + 1)
  if (text.charCodeAt(i) === close) return i + 1
  for (;;) {
    if (object) {
      if (text.charCodeAt(i) !== QUOTE) return -1
      i = endOfString(text, i)
      if (i < 0) return -1
      i = skipBlanks(text, i)
      if (text.charCodeAt(i) !== 0x3a) return -1
      i++
    }
    i = endOfValue(text, i, depth + 1)
    if (i < 0) return -1
    i = skipBlanks(text, i)
    const c = text.charCodeAt(i)
    if (c === close) return i + 1
    if (c !== 0x2c) return -1
    i = skipBlanks(text, i + 1)
  }
}

/**
 * Is `text` exactly one valid JSON value on one line (no raw CR or LF anywhere)?
 *
 * Such text can be embedded in a recording line as a raw JSON value instead of a re-escaped
 * string, and cut back out byte for byte. A scan without building objects: cheaper than
 * `JSON.parse`, which would allocate the whole tree only to throw it away.
 */
export function isSingleLineJson(text: string): boolean {
  if (text.length === 0) return false
  const end = endOfValue(text, 0, 0)
  return end >= 0 && skipBlanks(text, end) === text.length
}
