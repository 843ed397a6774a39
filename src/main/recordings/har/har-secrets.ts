import { REDACTED, SecretRedactor } from '../../../shared/session-log/secret-redactor'

/** A HAR header or query parameter. */
export type HarPair = { name: string; value: string }

/** Query parameters that carry a credential (PROTOCOL.md §2 and common practice). */
const SECRET_PARAMS = /^(token|jwt|auth|auth_token|access_token|id_token|refresh_token|ticket|api_key|apikey|key|secret|password|session|session_id|sig|signature|code)$/i
/** Headers whose whole value is a credential. */
const SECRET_HEADERS = /^(authorization|proxy-authorization|x-api-key|api-key|x-auth-token|x-access-token|x-netra-[a-z-]*key|x-e2e[a-z-]*)$/i
/** Subprotocol prefixes that carry a token (PROTOCOL.md §2). */
const TOKEN_SUBPROTOCOL = /^(jwt|jwt-auth|bearer)\.(.+)$/i
/** Cookie values shorter than this are not added to the redactor (they would blank common words out of frames); they are still masked in the Cookie header itself. */
const MIN_COOKIE_SECRET = 8

function base64UrlText(text: string): string | null {
  try {
    const bytes = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64')
    const decoded = bytes.toString('utf8')
    // Only a decoding that is plain printable text is a token worth registering.
    return decoded.length >= 8 && /^[\x21-\x7e]+$/.test(decoded) ? decoded : null
  } catch {
    return null
  }
}

function cookieValues(header: string): Array<{ name: string; value: string }> {
  return header
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const eq = part.indexOf('=')
      return eq < 0 ? { name: '', value: part } : { name: part.slice(0, eq).trim(), value: part.slice(eq + 1).trim() }
    })
}

function queryPairs(url: string): HarPair[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }))
  } catch {
    // A URL the WHATWG parser refuses: read `name=value` pairs after the `?` by hand.
    const query = url.split('?')[1]?.split('#')[0] ?? ''
    return query
      .split('&')
      .filter(Boolean)
      .map((pair) => {
        const eq = pair.indexOf('=')
        const decode = (text: string): string => {
          try {
            return decodeURIComponent(text.replace(/\+/g, ' '))
          } catch {
            return text
          }
        }
        return eq < 0 ? { name: decode(pair), value: '' } : { name: decode(pair.slice(0, eq)), value: decode(pair.slice(eq + 1)) }
      })
  }
}

/** What a HAR entry's request and response carry, as the secrets are looked for. */
export type HarCredentials = {
  url: string
  requestHeaders: readonly HarPair[]
  responseHeaders: readonly HarPair[]
  /** The entry's own `request.queryString` (HAR keeps the query twice). */
  queryString?: readonly HarPair[]
}

/**
 * Register every credential a HAR entry carries with a redactor: Authorization-like headers (and
 * the token after `Bearer `), token subprotocols (`jwt.<base64url>` and the JWT inside), cookies,
 * credential query parameters and a URL's password. The frames are then redacted with the same
 * redactor, so a token echoed in a frame body goes too, in whatever encoding it took.
 */
export function collectHarSecrets(entry: HarCredentials, redactor: SecretRedactor): void {
  for (const { name, value } of entry.requestHeaders) {
    const lower = name.toLowerCase()
    if (SECRET_HEADERS.test(lower)) {
      redactor.add(value)
      const scheme = /^\s*[A-Za-z][\w-]*\s+(\S.*)$/.exec(value)
      if (scheme) redactor.add(scheme[1])
    } else if (lower === 'sec-websocket-protocol') {
      for (const offered of value.split(',')) {
        const token = TOKEN_SUBPROTOCOL.exec(offered.trim())
        if (!token) continue
        redactor.add(token[2])
        redactor.add(base64UrlText(token[2]))
      }
    } else if (lower === 'cookie') {
      for (const cookie of cookieValues(value)) if (cookie.value.length >= MIN_COOKIE_SECRET) redactor.add(cookie.value)
    }
  }
  for (const { name, value } of entry.responseHeaders) {
    if (name.toLowerCase() !== 'set-cookie') continue
    const first = cookieValues(value.split('\n')[0])[0]
    if (first && first.value.length >= MIN_COOKIE_SECRET) redactor.add(first.value)
  }
  for (const { name, value } of [...queryPairs(entry.url), ...(entry.queryString ?? [])]) if (SECRET_PARAMS.test(name)) redactor.add(value)
  try {
    const password = new URL(entry.url).password
    if (password) {
      redactor.add(password)
      redactor.add(decodeURIComponent(password))
    }
  } catch {
    // Not a URL the parser reads: its query was handled above.
  }
}

/**
 * Headers as the recording keeps them: names in lower case (as Node reports them, and as the
 * diagnosis looks them up), repeated headers joined, every value redacted. Cookie headers keep
 * their cookie names only: a short cookie value is not in the redactor, yet is still a credential.
 */
export function redactHarHeaders(headers: readonly HarPair[], redactor: SecretRedactor): Record<string, string> {
  const result: Record<string, string> = {}
  for (const { name, value } of headers) {
    const lower = name.toLowerCase()
    if (lower === '__proto__') continue
    let kept = redactor.redact(value)
    if (lower === 'cookie') kept = cookieValues(value).map((cookie) => (cookie.name ? `${cookie.name}=${REDACTED}` : REDACTED)).join('; ')
    else if (lower === 'set-cookie') {
      const [first, ...attributes] = value.split(';')
      const eq = first.indexOf('=')
      kept = [`${eq < 0 ? '' : `${first.slice(0, eq).trim()}=`}${REDACTED}`, ...attributes.map((part) => redactor.redact(part.trim()))].join('; ')
    } else if (SECRET_HEADERS.test(lower)) {
      const scheme = /^\s*([A-Za-z][\w-]*)\s+\S/.exec(value)
      kept = scheme ? `${scheme[1]} ${REDACTED}` : REDACTED
    }
    result[lower] = lower in result ? `${result[lower]}${lower === 'set-cookie' ? '\n' : ', '}${kept}` : kept
  }
  return result
}

/** The offered subprotocols of a request, each redacted. */
export function offeredSubprotocols(headers: Record<string, string>): string[] {
  const value = headers['sec-websocket-protocol']
  return value ? value.split(',').map((part) => part.trim()).filter(Boolean) : []
}
