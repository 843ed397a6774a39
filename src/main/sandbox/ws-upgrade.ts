import { STATUS_CODES, type IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type { WebSocket, WebSocketServer } from 'ws'
import { SandboxConnection } from './connection'
import { runConnection } from './connection-lifecycle'
import { FaultSet } from './faults/fault-set'
import { bearerToken } from './http-json'
import type { SandboxState } from './sandbox-state'
import { parseOfferedSubprotocols, selectSubprotocol, tokenFromSubprotocols } from './subprotocols'
import { checkToken } from './token-check'
import type { TokenClaims } from './tokens'

const MODES = ['main', 'factory', 'isolated', 'legacy']
const QUERY_TOKEN_KEYS = ['token', 'jwt', 'auth_token', 'access_token']

/** The subprotocol each accepted request echoes, read back by the server's `handleProtocols`. */
export const chosenSubprotocols = new WeakMap<IncomingMessage, string>()

/**
 * Answer a refused upgrade with a real HTTP response, never a close frame (PROTOCOL.md §5).
 *
 * `end` rather than `destroy` so the status line and body reach the client before the FIN.
 */
export function refuseUpgrade(socket: Duplex, status: number, body: Record<string, unknown>): void {
  if (!socket.writable) {
    socket.destroy()
    return
  }
  const text = JSON.stringify(body)
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
      'Content-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(text)}\r\n` +
      'Connection: close\r\n\r\n' +
      text
  )
  setTimeout(() => socket.destroy(), 1000).unref()
}

/** The connection mode a path (and `?mode=`) selects, or null for a path that is not a WebSocket endpoint. */
function modeOf(url: URL): string | null {
  switch (url.pathname) {
    case '/ws':
      return url.searchParams.get('mode') ?? 'main'
    case '/ws/factory':
      return 'factory'
    case '/ws/isolated':
      return 'isolated'
    case '/api/v1/websocket':
      return 'legacy'
    default:
      return null
  }
}

type AuthOutcome =
  { ok: true; claims: TokenClaims } | { ok: false; status: number; body: Record<string, unknown> }

function authRefusal(reason: string, status = 403): AuthOutcome {
  return {
    ok: false,
    status,
    body: { detail: `Authentication failed: ${reason}`, error_code: 'AUTH_FAILED' }
  }
}

/** Find and verify the credential in the order the real server checks: header, subprotocol, query, ticket. */
async function authenticate(
  state: SandboxState,
  req: IncomingMessage,
  url: URL,
  offered: string[]
): Promise<AuthOutcome> {
  const headerToken = bearerToken(req)
  const token =
    headerToken ??
    tokenFromSubprotocols(offered) ??
    QUERY_TOKEN_KEYS.map((key) => url.searchParams.get(key)).find((value): value is string => !!value) ??
    null
  if (token !== null) {
    const verdict = await checkToken(state.options, token)
    return verdict.ok ? verdict : authRefusal(verdict.reason)
  }
  const ticketId = url.searchParams.get('ticket')
  if (ticketId) {
    const redeemed = state.tickets.redeem(ticketId)
    if (!redeemed.ok) return authRefusal(redeemed.reason)
    // A ticket stands for a token that was valid when issued; faults still apply to it.
    const faults = new FaultSet(state.options.faults)
    if (faults.has('token-rejected')) return authRefusal('Token rejected by auth service')
    if (faults.has('expired-token')) return authRefusal('Token expired')
    return redeemed
  }
  return authRefusal(
    'No token provided (use Authorization header, jwt.<token> subprotocol, ?token= or ?ticket=)'
  )
}

/** Decide every `/ws…` upgrade: refuse before accept with an HTTP status, or accept and start the connection. */
export function createUpgradeHandler(
  state: SandboxState,
  wss: WebSocketServer
): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  return (req, socket, head) => {
    socket.on('error', () => undefined)
    state.upgradeSockets.add(socket)
    socket.once('close', () => state.upgradeSockets.delete(socket))
    const url = new URL(req.url ?? '/', 'http://sandbox')
    const mode = modeOf(url)
    if (state.stopping) return refuseUpgrade(socket, 503, { detail: 'Server shutting down' })
    if (mode === null) return refuseUpgrade(socket, 404, { detail: 'Not Found' })
    if (!MODES.includes(mode)) return refuseUpgrade(socket, 400, { detail: `Unknown mode: ${mode}` })
    const options = state.options
    const faults = new FaultSet(options.faults)
    const refuse = (status: number, body: Record<string, unknown>): void => {
      state.stats.refusedUpgrades++
      refuseUpgrade(socket, status, body)
    }
    if (faults.has('readiness-refusal')) {
      return refuse(403, { detail: 'Service not ready: database_postgres', error_code: 'SERVICE_NOT_READY' })
    }
    const offered = parseOfferedSubprotocols(req.headers['sec-websocket-protocol'])
    const chosen = offered.length > 0 ? selectSubprotocol(offered, options.generation) : null
    if (offered.length > 0 && (chosen === null || faults.has('no-matching-subprotocol'))) {
      return refuse(403, {
        detail: 'No matching subprotocol',
        offered_count: offered.length,
        error_code: 'SUBPROTOCOL_MISMATCH'
      })
    }
    state.pendingUpgrades.add(socket)
    void authenticate(state, req, url, offered)
      .then((outcome) => {
        state.pendingUpgrades.delete(socket)
        if (socket.destroyed || state.stopping) return socket.destroy()
        if (!outcome.ok) return refuse(outcome.status, outcome.body)
        if (chosen !== null) chosenSubprotocols.set(req, chosen)
        const generation = options.generation
        wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
          const conn = new SandboxConnection(
            ws,
            {
              generation,
              faults,
              triage: options.triage,
              stepDelayMs: options.stepDelayMs,
              eventStyle: options.eventStyle,
              transformServerFrame: options.transformServerFrame,
              mode,
              userId: faults.has('demo-mode') ? 'demo-user-001' : outcome.claims.sub,
              tokenSub: outcome.claims.sub
            },
            state.stats,
            () => state.connections
          )
          state.connections.add(conn)
          ws.once('close', () => state.connections.delete(conn))
          runConnection(conn, state.stats)
        })
      })
      .catch(() => {
        state.pendingUpgrades.delete(socket)
        refuse(500, { detail: 'Internal Server Error' })
      })
  }
}
