import type { AuthMethod } from '../api/frame-record'

/** The URLs of an environment that a credential is bound to. */
export type HostedUrls = { wsUrl: string | null; httpBase: string | null; authBase: string | null }

const DEFAULT_PORTS: Record<string, string> = { 'ws:': '80', 'http:': '80', 'wss:': '443', 'https:': '443' }

/**
 * A URL's host as people write it (`api.staging.netrasystems.ai`, `127.0.0.1:40123`) and as it is
 * compared: host name plus the effective port, so `wss://h/ws` and `https://h` are the same host,
 * while two loopback ports are two hosts (another local process must not receive the sandbox's token).
 */
function hostOf(url: string | null): { shown: string; key: string } | null {
  if (!url) return null
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (!parsed.hostname) return null
  const port = parsed.port || DEFAULT_PORTS[parsed.protocol] || ''
  return { shown: parsed.host, key: `${parsed.hostname}:${port}` }
}

function boundHostsOf(environment: HostedUrls | null): Array<{ shown: string; key: string }> {
  if (!environment) return []
  return [environment.wsUrl, environment.httpBase, environment.authBase].flatMap((url) => hostOf(url) ?? [])
}

/** The hosts a credential of an environment may be sent to (those of its WebSocket URL, HTTP base and auth base), as shown to people. */
export function boundHosts(environment: HostedUrls | null): string[] {
  return [...new Set(boundHostsOf(environment).map((host) => host.shown))]
}

/**
 * The hosts a session would send a credential to that are not its environment's, as shown to people
 * (sorted, unique). The token goes to the WebSocket host with every method but `ticket` and `none`;
 * with `ticket` it goes to the HTTP base (which issues the ticket) and the ticket to the WebSocket host.
 */
export function foreignHosts(
  credentialEnvironment: HostedUrls | null,
  target: { wsUrl: string; httpBase: string | null },
  authMethod: AuthMethod
): string[] {
  if (authMethod === 'none') return []
  const bound = new Set(boundHostsOf(credentialEnvironment).map((host) => host.key))
  const destinations = authMethod === 'ticket' ? [target.httpBase, target.wsUrl] : [target.wsUrl]
  const foreign = new Set<string>()
  for (const url of destinations) {
    const host = hostOf(url)
    // An unparsable URL cannot be connected to; it fails later with its own message, sending nothing.
    if (host && !bound.has(host.key)) foreign.add(host.shown)
  }
  return [...foreign].sort()
}

/** The confirmation value `allowForeignHost` must carry for these foreign hosts: the hosts, comma-separated. */
export function foreignHostConfirmation(hosts: readonly string[]): string {
  return hosts.join(',')
}

/**
 * Does `allowForeignHost` confirm exactly these hosts? A "yes" given for another host (a stale
 * confirmation) does not carry over, and neither does a partial one.
 */
export function confirmsForeignHosts(allowForeignHost: string | undefined, hosts: readonly string[]): boolean {
  if (hosts.length === 0) return true
  if (!allowForeignHost) return false
  const given = new Set(
    allowForeignHost
      .split(',')
      .map((host) => host.trim().toLowerCase())
      .filter(Boolean)
  )
  return given.size === hosts.length && hosts.every((host) => given.has(host.toLowerCase()))
}
