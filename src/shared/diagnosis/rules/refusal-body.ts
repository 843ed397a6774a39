/** What a refused upgrade's body says, read liberally. */
export type RefusalBody = {
  /** The sentence the server wrote (`detail`, `message`, `error`, `reason`…, or the plain text). */
  detail: string | null
  /** A machine code when the body has one (`error_code`, `code`, `error.code`). */
  errorCode: string | null
  json: boolean
  /** The body as received. */
  text: string
  /** True when the body only repeats the status ("Forbidden", "403 Forbidden", an empty page): it says nothing. */
  generic: boolean
}

type Obj = Record<string, unknown>

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function text(value: unknown): string | null {
  if (typeof value === 'string' && value.trim()) return value.trim()
  if (isObject(value)) return text(value.message) ?? text(value.detail) ?? text(value.reason) ?? text(value.error) ?? text(value.msg)
  if (Array.isArray(value)) {
    const parts = value.map(text).filter((part): part is string => part !== null)
    return parts.length ? parts.join('; ') : null
  }
  return null
}

function code(body: Obj): string | null {
  for (const value of [body.error_code, body.code, isObject(body.error) ? body.error.code : null, isObject(body.detail) ? body.detail.error_code : null])
    if (typeof value === 'string' && value.trim()) return value.trim()
  return null
}

// Words of a body that only restates the HTTP status: a framework's or proxy's default page.
const GENERIC_WORDS = new Set([
  'forbidden', 'unauthorized', 'unauthorised', 'access', 'denied', 'bad', 'request', 'not', 'found', 'error',
  'service', 'unavailable', 'gateway', 'timeout', 'time-out', 'internal', 'server', 'http', 'status',
  'nginx', 'apache', 'openresty', 'cloudflare', 'envoy', 'haproxy', 'traefik', 'caddy', 'uvicorn', 'the', 'an', 'a'
])

/** Does the text say nothing beyond the status ("Forbidden", "403 Forbidden nginx")? */
function isGeneric(detail: string | null): boolean {
  if (detail === null) return true
  const words = detail.toLowerCase().split(/[^a-z0-9-]+/).filter(Boolean)
  return words.every((word) => /^\d+$/.test(word) || GENERIC_WORDS.has(word))
}

/** Read a refusal body: FastAPI-style JSON (`detail`, `message`, `error`, `reason`, nested or listed) or plain text / HTML. */
export function readRefusalBody(body: string | null): RefusalBody {
  const raw = body ?? ''
  try {
    const value: unknown = JSON.parse(raw)
    if (isObject(value)) {
      const detail =
        text(value.detail) ?? text(value.message) ?? text(value.error) ?? text(value.reason) ?? text(value.error_message)
      return { detail, errorCode: code(value), json: true, text: raw, generic: isGeneric(detail) }
    }
    if (typeof value === 'string') {
      const detail = value.trim() || null
      return { detail, errorCode: null, json: true, text: raw, generic: isGeneric(detail) }
    }
  } catch {
    // Not JSON: plain text, a proxy's HTML page, or nothing.
  }
  const plain = raw
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  const detail = plain ? plain.slice(0, 300) : null
  return { detail, errorCode: null, json: false, text: raw, generic: isGeneric(detail) }
}
