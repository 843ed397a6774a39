/** Kinds a pasted URL can be classified as (the sandbox is never a pasted URL: it is local). */
export type UrlKind = 'local' | 'staging' | 'production' | 'custom'

/** What a pasted URL says about the environment it points at. */
export type UrlClassification = {
  kind: UrlKind
  /** Lower-case host name without port or IPv6 brackets; null when the text is not a URL. */
  host: string | null
  /** True for the host names PROTOCOL.md §1 lists (current and older ones). */
  knownHost: boolean
  /** One human sentence for the badge's tooltip. */
  note: string
}

const PRODUCTION_DOMAIN = 'netrasystems.ai'

/** Current and older Netra host names (PROTOCOL.md §1) with what to say about each (a Map: hosts like `__proto__` must not hit Object.prototype). */
const KNOWN_HOSTS: ReadonlyMap<string, { kind: UrlKind; note: string }> = new Map([
  ['api.netrasystems.ai', { kind: 'production', note: 'Netra production API' }],
  ['auth.netrasystems.ai', { kind: 'production', note: 'Netra production auth service' }],
  ['api.staging.netrasystems.ai', { kind: 'staging', note: 'Netra staging API' }],
  ['auth.staging.netrasystems.ai', { kind: 'staging', note: 'Netra staging auth service' }],
  ['api-staging.netrasystems.ai', { kind: 'staging', note: 'older staging host name (current: api.staging.netrasystems.ai)' }],
  ['staging.netrasystems.ai', { kind: 'staging', note: 'older staging host (current: api.staging.netrasystems.ai)' }]
])

const LOCAL_NAMES = new Set(['localhost', '::1', '0.0.0.0', '0:0:0:0:0:0:0:1', '::'])

/** Is `host` this machine: localhost, *.localhost, 127.0.0.0/8, ::1, 0.0.0.0 or an IPv4-mapped loopback? */
function isLoopback(host: string): boolean {
  if (LOCAL_NAMES.has(host) || host.endsWith('.localhost')) return true
  if (/^127(\.\d{1,3}){3}$/.test(host)) return true
  return /^::ffff:(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|7f[0-9a-f]{2}:[0-9a-f]{1,4})$/.test(host)
}

/** Parse liberally: people paste `api.staging.netrasystems.ai/ws` without a scheme. */
function parse(text: string): URL | null {
  const trimmed = text.trim()
  if (!trimmed) return null
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `wss://${trimmed}`
  try {
    const url = new URL(withScheme)
    return url.hostname ? url : null
  } catch {
    return null
  }
}

/** Why a path is worth a remark: the older WebSocket paths still work but are not the default. */
function pathNote(kind: UrlKind, path: string): string | null {
  if (path === '/api/v1/websocket') return 'older WebSocket path /api/v1/websocket (current: /ws)'
  if (kind === 'production' && path === '/websocket') return 'older production WebSocket path /websocket (current: /ws)'
  return null
}

/**
 * Classify a pasted URL as local / staging / production / custom from its host (PROTOCOL.md §1).
 *
 * Rules, in order: loopback hosts are local; any host containing `staging` is staging (the older
 * configs used several spellings); `netrasystems.ai` and its subdomains are production; anything
 * else is custom. Never throws: text that is not a URL is custom with `host: null`.
 */
export function classifyUrl(text: string): UrlClassification {
  const url = parse(text)
  if (!url) return { kind: 'custom', host: null, knownHost: false, note: 'not a URL: cannot tell which environment this is' }
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '')
  const withPath = (kind: UrlKind, note: string): string => {
    const extra = pathNote(kind, url.pathname)
    return extra ? `${note}; ${extra}` : note
  }
  if (isLoopback(host)) {
    const knownHost = host === 'localhost' && (url.port === '8000' || url.port === '8081')
    return { kind: 'local', host, knownHost, note: withPath('local', knownHost ? 'Netra local development server' : 'this machine (local)') }
  }
  const known = KNOWN_HOSTS.get(host)
  if (known) return { kind: known.kind, host, knownHost: true, note: withPath(known.kind, known.note) }
  if (host.includes('staging')) return { kind: 'staging', host, knownHost: false, note: withPath('staging', `host name contains "staging": treated as staging`) }
  if (host === PRODUCTION_DOMAIN || host.endsWith(`.${PRODUCTION_DOMAIN}`))
    return { kind: 'production', host, knownHost: false, note: withPath('production', `unfamiliar ${PRODUCTION_DOMAIN} host: treated as production`) }
  return { kind: 'custom', host, knownHost: false, note: 'not a Netra host: a custom environment' }
}
