/** The answer of `POST /api/websocket/ticket` (PROTOCOL.md §2, ticket flow). */
export type WebSocketTicket = {
  ticketId: string
  expiresAt: string | null
  websocketUrl: string | null
}

/** Ask the HTTP API for a single-use WebSocket ticket with the Bearer token; `cancel` abandons the request. */
export async function requestTicket(httpBase: string, token: string, timeoutMs = 10_000, cancel?: AbortSignal): Promise<WebSocketTicket> {
  const timeout = AbortSignal.timeout(timeoutMs)
  const response = await fetch(new URL('/api/websocket/ticket', httpBase), {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ ttl_seconds: 300, single_use: true }),
    signal: cancel ? AbortSignal.any([timeout, cancel]) : timeout
  })
  const text = await response.text()
  if (!response.ok) throw new Error(`ticket request refused: HTTP ${response.status} ${text.slice(0, 200)}`)
  let body: Record<string, unknown>
  try {
    body = JSON.parse(text) as Record<string, unknown>
  } catch {
    throw new Error(`ticket response is not JSON: ${text.slice(0, 200)}`)
  }
  if (typeof body.ticket_id !== 'string') throw new Error('ticket response has no ticket_id')
  return {
    ticketId: body.ticket_id,
    expiresAt: typeof body.expires_at === 'string' ? body.expires_at : null,
    websocketUrl: typeof body.websocket_url === 'string' ? body.websocket_url : null
  }
}
