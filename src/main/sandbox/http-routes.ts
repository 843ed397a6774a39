import type { IncomingMessage, ServerResponse } from 'node:http'
import { bearerToken, readJsonBody, sendJson } from './http-json'
import { health, ready, versionOf, wsHealth } from './health'
import type { SandboxState } from './sandbox-state'
import { checkToken } from './token-check'

const WS_PATHS = ['/ws', '/ws/factory', '/ws/isolated', '/api/v1/websocket']

/** `GET` routes: path → body builder. */
function getRoutes(state: SandboxState): Record<string, () => { status: number; body: unknown }> {
  const options = (): typeof state.options => state.options
  return {
    '/health': () => health(options()),
    '/health/ready': () => ready(options()),
    '/health/live': () => ({ status: 200, body: { status: 'alive', timestamp: new Date().toISOString() } }),
    '/health/infrastructure': () => ({
      status: 200,
      body: {
        status: 'ok',
        environment: options().environment,
        vpc_connector: 'not_applicable',
        load_balancer: 'sandbox'
      }
    }),
    '/ws/health': () => wsHealth(options()),
    '/ws/auth/health': () => ({
      status: 200,
      body: {
        status: 'healthy',
        auth_methods: ['subprotocol', 'header', 'ticket', 'query'],
        jwt_algorithm: 'HS256'
      }
    }),
    '/ws/beacon': () => ({ status: 200, body: { status: 'ok', timestamp: new Date().toISOString() } }),
    '/ws/stats': () => ({ status: 200, body: state.stats.toJson() }),
    '/ws/config': () => ({
      status: 200,
      body: {
        websocket_config: {
          endpoints: WS_PATHS,
          modes: ['main', 'factory', 'isolated', 'legacy'],
          supported_auth_methods: ['subprotocol', 'header', 'ticket', 'query'],
          subprotocols: [
            'jwt.<base64url>',
            'jwt-auth',
            'jwt',
            'bearer',
            'e2e-testing',
            'staging-auth',
            'agent_chat'
          ],
          heartbeat_interval_seconds: 30,
          max_connections_per_user:
            options().environment === 'staging' || options().environment === 'production' ? 5 : 10,
          max_message_size_bytes: 1_048_576,
          generation: options().generation,
          version: versionOf(options())
        },
        // The server's own word about where it runs: outranks any guess from the URL (a port-forward puts staging on 127.0.0.1).
        environment: options().environment,
        timestamp: new Date().toISOString()
      }
    })
  }
}

/** The HTTP API of the sandbox (everything except the WebSocket upgrade). */
export function createHttpHandler(state: SandboxState): (req: IncomingMessage, res: ServerResponse) => void {
  const routes = getRoutes(state)
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://sandbox').pathname
    if (path === '/api/websocket/ticket') {
      if (req.method !== 'POST') return sendJson(res, 405, { detail: 'Method Not Allowed' })
      void issueTicket(state, req, res).catch(() => sendJson(res, 500, { detail: 'Internal Server Error' }))
      return
    }
    const route = routes[path]
    if (route) {
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return sendJson(res, 405, { detail: 'Method Not Allowed' })
      const { status, body } = route()
      return sendJson(res, status, body)
    }
    if (WS_PATHS.includes(path)) return sendJson(res, 426, { detail: 'WebSocket upgrade required' })
    sendJson(res, 404, { detail: 'Not Found', path })
  }
}

/** `POST /api/websocket/ticket`: trade a Bearer token for a short-lived WebSocket ticket. */
async function issueTicket(state: SandboxState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const token = bearerToken(req)
  if (!token) return sendJson(res, 401, { detail: 'Bearer token required' })
  const verdict = await checkToken(state.options, token)
  if (!verdict.ok) return sendJson(res, 401, { detail: verdict.reason })
  const body = await readJsonBody(req)
  if (body === null) return sendJson(res, 422, { detail: 'Body must be a JSON object' })
  const ttl = body.ttl_seconds === undefined ? 300 : Number(body.ttl_seconds)
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > 3600)
    return sendJson(res, 422, { detail: 'ttl_seconds must be 1..3600' })
  const singleUse = body.single_use === undefined ? true : body.single_use === true
  const ticket = state.tickets.issue(verdict.claims, ttl, singleUse)
  sendJson(res, 200, {
    ticket_id: ticket.ticketId,
    expires_at: new Date(ticket.expiresAt).toISOString(),
    created_at: new Date(ticket.createdAt).toISOString(),
    ttl_seconds: ttl,
    single_use: singleUse,
    websocket_url: `${state.wsBase}/ws?ticket=${encodeURIComponent(ticket.ticketId)}`
  })
}
