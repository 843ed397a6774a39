import type { AuthMethod } from '../../shared/api/frame-record'

/** What the client offers on the WebSocket upgrade. */
export type UpgradeRequest = {
  url: string
  subprotocols: string[]
  headers: Record<string, string>
}

/** Subprotocol offer styles: newest servers take `jwt.<token>`; older clients offered `jwt-auth` first. */
export type SubprotocolStyle = 'jwt' | 'jwt-auth-legacy'

/** base64url without padding, as the `jwt.` subprotocol carries the token (PROTOCOL.md §2). */
export function toBase64Url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url')
}

function withQuery(url: string, name: string, value: string): string {
  const parsed = new URL(url)
  parsed.searchParams.set(name, value)
  return parsed.toString()
}

/**
 * Build the upgrade request for an auth method (PROTOCOL.md §2).
 * The ticket flow is resolved beforehand: pass the ticket id as `ticketId`.
 */
export function buildUpgradeRequest(options: {
  url: string
  authMethod: AuthMethod
  token: string | null
  ticketId?: string | null
  subprotocolStyle?: SubprotocolStyle
}): UpgradeRequest {
  const { url, authMethod, token } = options
  const needsToken = authMethod !== 'none' && authMethod !== 'ticket'
  if (needsToken && !token) throw new Error(`auth method "${authMethod}" needs a token, and none is available`)
  switch (authMethod) {
    case 'subprotocol': {
      const offer = `jwt.${toBase64Url(token as string)}`
      const subprotocols = options.subprotocolStyle === 'jwt-auth-legacy' ? ['jwt-auth', offer] : [offer]
      return { url, subprotocols, headers: {} }
    }
    case 'header':
      return { url, subprotocols: [], headers: { Authorization: `Bearer ${token}` } }
    case 'query':
      return { url: withQuery(url, 'token', token as string), subprotocols: [], headers: {} }
    case 'ticket':
      if (!options.ticketId) throw new Error('ticket auth needs a ticket id: request one first')
      return { url: withQuery(url, 'ticket', options.ticketId), subprotocols: [], headers: {} }
    case 'none':
      return { url, subprotocols: [], headers: {} }
  }
}
