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

/** The origins our own page can have: the loopback address or `localhost`, on our port. */
export function ownOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`]
}

/** Is `origin` exactly one of our own origins? A missing origin is refused. */
export function isOwnOrigin(origin: string | undefined, port: number): boolean {
  return origin !== undefined && ownOrigins(port).includes(origin)
}

/** Is the `Host` header ours? Refusing other names defeats DNS rebinding for plain HTTP too. */
export function isOwnHost(host: string | undefined, port: number): boolean {
  return host !== undefined && (host === `127.0.0.1:${port}` || host === `localhost:${port}`)
}

/** Compare a presented token with the expected one in constant time (hashing first hides the length). */
export function tokenMatches(expected: string, presented: string | null | undefined): boolean {
  if (typeof presented !== 'string' || presented.length === 0) return false
  const a = createHash('sha256').update(expected).digest()
  const b = createHash('sha256').update(presented).digest()
  return timingSafeEqual(a, b)
}
