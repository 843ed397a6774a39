import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/**
 * Who may talk to the web host.
 *
 * Any page open in the user's browser can try to reach a localhost port, so a request must
 * prove two things: it comes from our own page (the `Origin` a browser sets and a page cannot
 * forge) and it knows the per-launch token (which a DNS-rebinding page cannot know).
 */

/** A fresh per-launch token: 32 random bytes, base64url. */
export function createLaunchToken(): string {
  return randomBytes(32).toString('base64url')
}

/** The host names our own page can be reached by, on our port (`[::1]` for a browser that resolves `localhost` to IPv6). */
export function ownHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]
}

/** The origins our own page can have: one of our own hosts, over plain http. */
export function ownOrigins(port: number): string[] {
  return ownHosts(port).map((host) => `http://${host}`)
}

/** Is `origin` exactly one of our own origins? A missing origin is refused. */
export function isOwnOrigin(origin: string | undefined, port: number): boolean {
  return origin !== undefined && ownOrigins(port).includes(origin)
}

/**
 * Is the `Host` header ours? A DNS-rebinding page talks to us under its own name, so refusing
 * every other name defeats it; checked on plain HTTP and on the WebSocket upgrade alike.
 */
export function isOwnHost(host: string | undefined, port: number): boolean {
  return host !== undefined && ownHosts(port).includes(host)
}

/** Compare a presented token with the expected one in constant time (hashing first hides the length). */
export function tokenMatches(expected: string, presented: string | null | undefined): boolean {
  if (typeof presented !== 'string' || presented.length === 0) return false
  const a = createHash('sha256').update(expected).digest()
  const b = createHash('sha256').update(presented).digest()
  return timingSafeEqual(a, b)
}
