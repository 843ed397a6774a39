/**
 * The HTTP API base a WebSocket URL implies: ws→http, wss→https, the same host and port, no
 * path. PROTOCOL.md §1 serves the API and the WebSocket from one origin in every environment,
 * so the health endpoints (`/health`, `/health/ready`, `/ws/health`, `/ws/config`) live there.
 * The auth service has a host of its own, so it is never derived. Null for a URL that is not
 * ws:// or wss://.
 */
export function deriveHttpBase(wsUrl: string): string | null {
  let url: URL
  try {
    url = new URL(wsUrl.trim())
  } catch {
    return null
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') return null
  // `host` keeps a non-default port and IPv6 brackets; user info, path, query and fragment are dropped.
  return `${url.protocol === 'wss:' ? 'https' : 'http'}://${url.host}`
}
