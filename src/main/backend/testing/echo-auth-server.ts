import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'
import { wireForms } from '../../../shared/session-log/testing/wire-forms'

/** A hostile test server that accepts any token and hands it back in every encoding it can. */
export type EchoAuthServer = {
  wsUrl: string
  httpBase: string
  /** The ticket ids it issued (secrets too). */
  tickets: string[]
  stop(): Promise<void>
}

/** Tokens shorter than this are only echoed where a credential stands (see the redactor's length rule). */
const ANYWHERE = 8

function tokenOf(request: IncomingMessage, tickets: Map<string, string>): string {
  const url = new URL(request.url ?? '/', 'http://echo')
  const bearer = /^Bearer (.*)$/.exec(request.headers.authorization ?? '')?.[1]
  const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((entry) => entry.trim())
  const subprotocol = offered.find((entry) => entry.startsWith('jwt.'))
  const ticket = url.searchParams.get('ticket')
  if (bearer) return bearer
  if (subprotocol) return Buffer.from(subprotocol.slice(4), 'base64url').toString('utf8')
  if (ticket !== null) return tickets.get(ticket) ?? ''
  return url.searchParams.get('token') ?? ''
}

/** What the server says back: every wire form of a long token; a short one only where a credential stands. */
function echoFrames(token: string, ticket: string | null): string[] {
  const forms = Object.values(wireForms(token))
  const search = new URLSearchParams({ token }).toString()
  const frames = [
    JSON.stringify({ type: 'connection_established', data: { token, url: `/ws?${search}`, ticket_id: ticket } }),
    JSON.stringify({ type: 'echo', data: { authorization: `Bearer ${token}`, subprotocol: `jwt.${Buffer.from(token).toString('base64url')}` } })
  ]
  if (token.length >= ANYWHERE) {
    frames.push(JSON.stringify({ type: 'agent_thinking', data: { reasoning: `I saw ${forms.join(' and ')}`, forms } }))
    frames.push(`plain text: ${forms.join(' | ')}`)
    frames.push(JSON.stringify({ type: 'agent_thinking', data: { reasoning: `python-style ${forms[0]}` } }).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`))
  }
  return frames
}

/**
 * Start the echo server on 127.0.0.1: it issues tickets (opaque ids full of awkward characters) to any
 * Bearer token, accepts every upgrade, echoes the offered subprotocol and the token in a response
 * header, sends the token back in frames, and closes with the token in the close reason.
 */
export async function startEchoAuthServer(): Promise<EchoAuthServer> {
  const tickets = new Map<string, string>()
  const server = createServer((request, response) => {
    request.resume()
    const bearer = /^Bearer (.*)$/.exec(request.headers.authorization ?? '')?.[1]
    if (request.method === 'POST' && request.url === '/api/websocket/ticket' && bearer !== undefined) {
      const id = `t!ck~et '(${tickets.size})' ü`
      tickets.set(id, bearer)
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ticket_id: id, expires_at: null, echo: bearer }))
      return
    }
    response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'not here', authorization: request.headers.authorization ?? null }))
  })
  server.on('error', () => undefined)
  const wss = new WebSocketServer({
    server,
    handleProtocols: (protocols) => [...protocols].find((protocol) => protocol.startsWith('jwt.')) ?? false
  })
  wss.on('error', () => undefined)
  wss.on('headers', (headers, request) => headers.push(`X-Echo-Token: ${encodeURIComponent(tokenOf(request, tickets))}`))
  wss.on('connection', (socket, request) => {
    socket.on('error', () => undefined)
    const token = tokenOf(request, tickets)
    const ticket = new URL(request.url ?? '/', 'http://echo').searchParams.get('ticket')
    for (const frame of echoFrames(token, ticket)) socket.send(frame)
    socket.once('message', () => socket.close(4000, `token=${encodeURIComponent(token)}`.slice(0, 120)))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    httpBase: `http://127.0.0.1:${port}`,
    get tickets() {
      return [...tickets.keys()]
    },
    stop: () =>
      new Promise((resolve) => {
        for (const client of wss.clients) client.terminate()
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
