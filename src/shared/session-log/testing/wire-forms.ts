/**
 * Test data for redaction: opaque tokens full of the characters encoders disagree on, and every
 * encoding a token can take on the wire or in a record. Shared by the redactor's unit test and the
 * secret canary, so both check the same list. Plain TypeScript, like the rest of src/shared.
 */

function base64(text: string): string {
  let binary = ''
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/** base64url without padding, as the `jwt.` subprotocol carries a token. */
export function base64Url(text: string): string {
  return base64(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** Every encoding a token can take on the wire or in a record, by name. */
export function wireForms(token: string): Record<string, string> {
  const lowerHex = (text: string): string => text.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase())
  const everyByte = (text: string): string => [...new TextEncoder().encode(text)].map((byte) => `%${byte.toString(16).padStart(2, '0').toUpperCase()}`).join('')
  const asciiJson = (text: string): string => JSON.stringify(text).slice(1, -1).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
  const searchParams = new URLSearchParams({ t: token }).toString().slice(2)
  return {
    raw: token,
    encodeURIComponent: encodeURIComponent(token),
    'URLSearchParams (+ for space)': searchParams,
    'URLSearchParams, lower-case hex': lowerHex(searchParams),
    'encodeURIComponent, lower-case hex': lowerHex(encodeURIComponent(token)),
    encodeURI: encodeURI(token),
    'every byte percent-encoded': everyByte(token),
    'double-encoded': encodeURIComponent(encodeURIComponent(token)),
    base64url: base64Url(token),
    base64: base64(token),
    'base64, unpadded': base64(token).replace(/=+$/, ''),
    'base64 in a query': encodeURIComponent(base64(token)),
    'JSON-escaped': JSON.stringify(token).slice(1, -1),
    'JSON-escaped, ASCII only (Python)': asciiJson(token),
    'JSON-escaped form encoding': JSON.stringify(searchParams).slice(1, -1)
  }
}

/** Opaque tokens full of the characters encoders disagree on. */
export const OPAQUE_TOKENS = [
  "tok~en!'(x)*+y/z=w a-b_c.d",
  'ünïcødé-tökén €uro 😀 ~!',
  "(~'!')",
  'a+b c/d=e*f',
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.c2lnbmF0dXJl+/='
]

