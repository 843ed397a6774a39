import { classifyUrl, type UrlKind } from '../../../shared/environments/classify-url'

/** What a pasted URL tells us about a new environment. */
export type UrlPrefill = {
  name: string
  kind: UrlKind
  wsUrl: string
  httpBase: string
  authBase: string
  /** The classifier's sentence, for the badge's tooltip. */
  note: string
}

/** Auth services of the hosts PROTOCOL.md §1 lists (API host → its auth service). */
const AUTH_OF_KNOWN_HOST: ReadonlyMap<string, string> = new Map([
  ['api.netrasystems.ai', 'https://auth.netrasystems.ai'],
  ['api.staging.netrasystems.ai', 'https://auth.staging.netrasystems.ai'],
  ['api-staging.netrasystems.ai', 'https://auth.staging.netrasystems.ai'],
  ['staging.netrasystems.ai', 'https://auth.staging.netrasystems.ai']
])

/** A pasted auth-service URL points at the API host next to it. */
const API_OF_AUTH_HOST: ReadonlyMap<string, string> = new Map([
  ['auth.netrasystems.ai', 'api.netrasystems.ai'],
  ['auth.staging.netrasystems.ai', 'api.staging.netrasystems.ai']
])

const WS_PATHS = new Set(['/ws', '/websocket', '/api/v1/websocket'])

/**
 * Turn whatever the user pasted — `wss://…/ws`, an `https://` API or auth address, or a bare
 * `api.staging.netrasystems.ai` — into a new environment's URLs, kind and a name. Returns null
 * for text that is not a URL, so the form is left as it is. Nothing here validates: the form
 * shows the schema's verdict on the result, like on anything typed.
 */
export function prefillFromUrl(text: string): UrlPrefill | null {
  const classification = classifyUrl(text)
  if (!classification.host) return null
  const trimmed = text.trim()
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)
  const local = classification.kind === 'local'
  let url: URL
  try {
    url = new URL(hasScheme ? trimmed : `${local ? 'ws' : 'wss'}://${trimmed}`)
  } catch {
    return null
  }
  const secure = url.protocol === 'wss:' || url.protocol === 'https:' || (!hasScheme && !local)
  const apiHost = API_OF_AUTH_HOST.get(url.hostname.toLowerCase())
  const host = apiHost ?? url.host
  // An HTTP address is the API's origin: its WebSocket lives at /ws unless the path already says where.
  const path = apiHost
    ? '/ws'
    : WS_PATHS.has(url.pathname) || url.protocol.startsWith('ws')
      ? url.pathname
      : '/ws'
  const wsUrl = `${secure ? 'wss' : 'ws'}://${host}${path === '/' ? '/ws' : path}${apiHost ? '' : url.search}`
  const httpBase = `${secure ? 'https' : 'http'}://${host}`
  const knownAuth = AUTH_OF_KNOWN_HOST.get(host.toLowerCase())
  const localDevAuth = url.hostname === 'localhost' && url.port === '8000' ? 'http://localhost:8081' : ''
  const authBase = apiHost ? `https://${url.hostname.toLowerCase()}` : (knownAuth ?? localDevAuth)
  return { name: host, kind: classification.kind, wsUrl, httpBase, authBase, note: classification.note }
}
