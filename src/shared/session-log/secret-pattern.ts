/**
 * Finds secrets in text in every encoding they take on the wire, without one giant regular expression
 * (V8 needs seconds to compile one that spells every encoding of a JWT).
 *
 * The text is decoded once into the bytes it stands for, where every character may independently be:
 * itself; percent-encoded (`%XX`, upper- or lower-case hex — so `encodeURIComponent`, `URLSearchParams`,
 * `encodeURI`, Python's `quote`, an encoder that escapes every byte, and any mixture of them match);
 * `+` for a space (`application/x-www-form-urlencoded`); or JSON-escaped (`\uXXXX` in either case,
 * surrogate pairs included, or `\"`, `\\`, `\/`, `\n`, `\r`, `\t`, `\b`, `\f`). Each secret is then
 * searched in that byte string in three forms: raw, base64 and base64url (the `jwt.` subprotocol),
 * a base64 form with or without its `=` padding.
 */

/** Where a secret may stand: anywhere, as a whole token, or only where the app itself puts a credential. */
export type SecretScope = 'anywhere' | 'whole-token' | 'credential-position'

/** A secret ready to search for: its forms as canonical byte strings. */
export type PreparedSecret = { scope: SecretScope; forms: Array<{ bytes: string; base64: boolean }> }

/** A found secret: `[start, end)` offsets in the original text. */
export type SecretSpan = [start: number, end: number]

const SPACE = 0x20
const PLUS = 0x2b
const EQUALS = 0x3d
const SHORT_ESCAPES: Record<string, number> = { '"': 0x22, '\\': 0x5c, '/': 0x2f, n: 0x0a, r: 0x0d, t: 0x09, b: 0x08, f: 0x0c }

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)

/** `+` and space are one byte here: a form-encoded space is a `+`, and a literal `+` may stand for either. */
const canonical = (byte: number): number => (byte === SPACE ? PLUS : byte)

function byteString(bytes: Iterable<number>): string {
  let text = ''
  for (const byte of bytes) text += String.fromCharCode(canonical(byte))
  return text
}

function base64(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/=+$/, '')
}

/** Plain substrings, one of which is in any text that holds the secret without a `%` or a `\`. */
export function secretLiterals(secret: string): string[] {
  const standard = base64(utf8(secret))
  return [...new Set([secret, secret.replace(/ /g, '+'), standard, standard.replace(/\+/g, '-').replace(/\//g, '_')])]
}

/**
 * Substrings without which no JSON-escaped form of the secret can be in a text: `\u` (any character
 * may be escaped so) and the short JSON escapes of the characters its forms hold. With `secretLiterals`
 * and a `%XX` test (any character may be percent-encoded), an exact pre-filter: a text holding none of
 * them holds no secret.
 */
export function secretTriggers(secret: string): string[] {
  const standard = base64(utf8(secret))
  const characters = new Set(`${secret}${standard}=`)
  const triggers = ['\\u']
  for (const [letter, byte] of Object.entries(SHORT_ESCAPES)) if (characters.has(String.fromCharCode(byte))) triggers.push(`\\${letter}`)
  return triggers
}

/** Prepare a secret for `findSecrets`. */
export function prepareSecret(secret: string, scope: SecretScope): PreparedSecret {
  const raw = utf8(secret)
  const standard = base64(raw)
  const url = standard.replace(/\+/g, '-').replace(/\//g, '_')
  const forms = [{ bytes: byteString(raw), base64: false }]
  for (const form of new Set([standard, url])) if (form !== secret) forms.push({ bytes: byteString(utf8(form)), base64: true })
  return { scope, forms }
}

function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48
  if (code >= 65 && code <= 70) return code - 55
  if (code >= 97 && code <= 102) return code - 87
  return -1
}

/** The value of `digits` hex digits at `at`, or -1. */
function hexValue(text: string, at: number, digits: number): number {
  if (at + digits > text.length) return -1
  let value = 0
  for (let i = at; i < at + digits; i++) {
    const digit = hexDigit(text.charCodeAt(i))
    if (digit < 0) return -1
    value = value * 16 + digit
  }
  return value
}

const encoder = new TextEncoder()

/** Bytes with, for each, the `[start, end)` of the original text it came from. */
type Decoded = { bytes: string; start: ArrayLike<number>; end: ArrayLike<number> }

/** A string of char codes, built in slices (a spread of a long array would overflow the stack). */
function fromCodes(codes: Uint8Array, length: number): string {
  let text = ''
  for (let at = 0; at < length; at += 8192) text += String.fromCharCode.apply(null, codes.subarray(at, Math.min(length, at + 8192)) as unknown as number[])
  return text
}

/**
 * Decode one level of encoding: the bytes `text` stands for (canonical), each with its unit's span.
 * `isBytes`: the text is already a byte string (a first level's output), so characters are bytes.
 */
function decode(text: string, isBytes: boolean): Decoded {
  // At most 3 UTF-8 bytes per UTF-16 unit; escapes only shrink.
  const codes = new Uint8Array(text.length * 3)
  const start = new Int32Array(text.length * 3)
  const end = new Int32Array(text.length * 3)
  let length = 0
  const emit = (byte: number, from: number, to: number): void => {
    codes[length] = canonical(byte)
    start[length] = from
    end[length++] = to
  }
  const emitText = (chars: string, from: number, to: number): void => {
    for (const byte of encoder.encode(chars)) emit(byte, from, to)
  }
  let i = 0
  while (i < text.length) {
    const code = text.charCodeAt(i)
    if (code === 0x25 /* % */) {
      const byte = hexValue(text, i + 1, 2)
      if (byte >= 0) {
        emit(byte, i, i + 3)
        i += 3
        continue
      }
    } else if (code === 0x5c /* \ */) {
      const next = text[i + 1]
      if (next === 'u') {
        const unit = hexValue(text, i + 2, 4)
        if (unit >= 0) {
          const low = unit >= 0xd800 && unit < 0xdc00 && text.startsWith('\\u', i + 6) ? hexValue(text, i + 8, 4) : -1
          const pair = low >= 0xdc00 && low < 0xe000
          emitText(pair ? String.fromCharCode(unit, low) : String.fromCharCode(unit), i, i + (pair ? 12 : 6))
          i += pair ? 12 : 6
          continue
        }
      } else if (next !== undefined && next in SHORT_ESCAPES) {
        emit(SHORT_ESCAPES[next], i, i + 2)
        i += 2
        continue
      }
    }
    if (code < 0x80 || isBytes) {
      emit(code, i, i + 1)
      i += 1
    } else {
      const width = code >= 0xd800 && code < 0xdc00 && i + 1 < text.length ? 2 : 1
      emitText(text.slice(i, i + width), i, i + width)
      i += width
    }
  }
  return { bytes: fromCodes(codes, length), start: start.subarray(0, length), end: end.subarray(0, length) }
}

/** A second level (an encoding of an encoding, e.g. `%2520`), with spans mapped back to the original text. */
function decodeAgain(first: Decoded): Decoded {
  const second = decode(first.bytes, true)
  const start = new Int32Array(second.start.length)
  const end = new Int32Array(second.end.length)
  for (let k = 0; k < start.length; k++) {
    start[k] = first.start[second.start[k]]
    end[k] = first.end[second.end[k] - 1]
  }
  return { bytes: second.bytes, start, end }
}

/** The key names under which a credential travels in a query string or a JSON body (PROTOCOL.md §2). */
const CREDENTIAL_KEYS = '(?:token|jwt|auth_token|access_token|ticket|ticket_id)'

/**
 * What stands right before a credential where the app (or a server echoing it) puts one: `Bearer `,
 * a `jwt.`/`jwt-auth.`/`bearer.` subprotocol prefix, a credential parameter (`token=`, in a query or a
 * close reason), a credential JSON key.
 */
const CREDENTIAL_BEFORE = new RegExp(`(?:[Bb]earer +|(?:^|[^A-Za-z0-9])(?:jwt|jwt-auth|bearer)\\.|(?:^|[^A-Za-z0-9_])${CREDENTIAL_KEYS}=|"${CREDENTIAL_KEYS}"\\s*:\\s*")$`)

const ALNUM = /[A-Za-z0-9]/

function inScope(text: string, scope: SecretScope, from: number, to: number): boolean {
  if (scope === 'anywhere') return true
  if (to < text.length && ALNUM.test(text[to])) return false
  if (scope === 'whole-token') return from === 0 || !ALNUM.test(text[from - 1])
  return CREDENTIAL_BEFORE.test(text.slice(Math.max(0, from - 40), from))
}

/** Every span of `text` that holds one of the secrets, merged where they touch or overlap, in order. */
export function findSecrets(text: string, secrets: readonly PreparedSecret[]): SecretSpan[] {
  const spans: SecretSpan[] = []
  const first = decode(text, false)
  search(text, first, secrets, spans)
  // Encoded twice (a URL inside a URL's query, JSON inside JSON): one more level, only when there is one.
  if (first.bytes !== text && (first.bytes.includes('%') || first.bytes.includes('\\'))) search(text, decodeAgain(first), secrets, spans)
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1])
  const merged: SecretSpan[] = []
  for (const span of spans) {
    const previous = merged[merged.length - 1]
    if (previous && span[0] <= previous[1]) previous[1] = Math.max(previous[1], span[1])
    else merged.push([span[0], span[1]])
  }
  return merged
}

function search(text: string, decoded: Decoded, secrets: readonly PreparedSecret[], spans: SecretSpan[]): void {
  for (const secret of secrets) {
    for (const form of secret.forms) {
      for (let at = decoded.bytes.indexOf(form.bytes); at >= 0; at = decoded.bytes.indexOf(form.bytes, at + 1)) {
        let last = at + form.bytes.length - 1
        // Only whole units: a match may not start or end inside one multi-byte character.
        if ((at > 0 && decoded.start[at - 1] === decoded.start[at]) || (last + 1 < decoded.start.length && decoded.start[last + 1] === decoded.start[last])) continue
        if (form.base64) while (last + 1 < decoded.bytes.length && decoded.bytes.charCodeAt(last + 1) === EQUALS && last + 1 - at < form.bytes.length + 2) last++
        const from = decoded.start[at]
        const to = decoded.end[last]
        if (inScope(text, secret.scope, from, to)) spans.push([from, to])
      }
    }
  }
}
