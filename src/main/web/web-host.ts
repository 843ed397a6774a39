import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import type { ContractBackend } from '../../shared/api/contract'
import { WEB_API_PATH, WEB_TOKEN_PARAM } from '../../shared/api/web-wire'
import { createLaunchToken, isOwnHost, isOwnOrigin, tokenMatches } from './access-guard'
import { serveContractSocket } from './contract-socket'
import { eventFrame } from './event-frame'
import { createStaticHandler, sendText } from './static-files'

/** Options of the web host. */
export type WebHostOptions = {
  backend: ContractBackend
  /** The built renderer (`out/renderer`). */
  rendererDir: string
  /** TCP port; 0 (the default) picks a free one. */
  port?: number
  /** Only loopback is allowed: the host must never be reachable from the network. */
  host?: '127.0.0.1'
  /** Where one-line notices go (a client dropped for a protocol error, a server error); stderr by default. */
  log?: (line: string) => void
}

/** A running web host. */
export type WebHost = {
  /** The page to open, token included: `http://127.0.0.1:PORT/?token=TOKEN`. */
  url: string
  port: number
  token: string
  /** Close every client and the server; stop listening to the backend. Idempotent. */
  close(): Promise<void>
}

/**
 * Largest contract message accepted (ws `maxPayload`; a bigger one closes that client with 1009).
 *
 * The largest legitimate call is `session.send` with its maximum text, 1 Mi UTF-16 code units
 * (1_048_576, the contract's limit); JSON escapes one unit to at most 6 bytes (`\u0001`, a lone
 * surrogate), so 6 MiB plus the envelope. Other requests are far smaller (a credential's secret
 * is at most 16 KiB, a URL 4 KiB). 8 MiB admits every valid call with room to spare and bounds
 * what one peer can make the host buffer.
 */
export const MAX_CONTRACT_MESSAGE_BYTES = 8 * 1024 * 1024
/** A client this far behind on events is dropped; it re-reads what it missed via `session.records`. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024
/** How long closing clients get to answer the close frame before they are cut off. */
const CLOSE_GRACE_MS = 1000

/** Start the web host: the built renderer plus the contract over a token- and origin-checked loopback WebSocket. */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { backend, rendererDir } = options
  const host = options.host ?? '127.0.0.1'
  const log = options.log ?? ((line: string): void => console.warn(line))
  /** Set once listening; requests only arrive after that. */
  let port = 0
  const token = createLaunchToken()
  const serveStatic = createStaticHandler(rendererDir)
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CONTRACT_MESSAGE_BYTES })

  const server = createServer((req, res) => {
    if (!isOwnHost(req.headers.host, port)) {
      sendText(res, 403, 'forbidden: unknown Host')
      return
    }
    serveStatic(req, res).catch(() => {
      if (res.headersSent) res.destroy()
      else sendText(res, 500, 'internal error while serving the renderer')
    })
  })

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Before ws takes the socket over (it adds its own listener), a reset must not be uncaught.
    socket.on('error', () => socket.destroy())
    const refusal = upgradeRefusal(req, port, token)
    if (refusal) {
      refuseUpgrade(socket, refusal)
      return
    }
    wss.handleUpgrade(req, socket, head, (client) => wss.emit('connection', client, req))
  })
  wss.on('connection', (client: WebSocket) => serveContractSocket(client, backend.handlers, log))
  // With `noServer` ws emits no server errors today; a listener keeps a future one from being fatal.
  wss.on('error', (error: Error) => log(`netra web host: WebSocket server error: ${error.message}`))

  const unsubscribe = backend.subscribe((event, payload) => {
    const text = eventFrame(event, payload)
    for (const client of wss.clients) {
      if (client.readyState !== client.OPEN) continue
      if (client.bufferedAmount > MAX_BUFFERED_BYTES) {
        client.close(1013, 'client too slow; reload to resync')
        continue
      }
      client.send(text)
    }
  })

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject)
        resolve()
      })
    })
  } catch (error) {
    unsubscribe()
    throw new Error(
      `web host could not listen on ${host}:${options.port ?? 0}: ${(error as Error).message}`,
      {
        cause: error
      }
    )
  }

  port = (server.address() as AddressInfo).port
  // After listen, a server error (rare: e.g. EMFILE on accept) is reported, never fatal.
  server.on('error', (error: Error) => log(`netra web host: HTTP server error: ${error.message}`))
  let closing: Promise<void> | undefined
  const close = (): Promise<void> => {
    closing ??= (async () => {
      unsubscribe()
      await closeClients(wss)
      await new Promise<void>((resolve) => wss.close(() => resolve()))
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    })()
    return closing
  }

  return { url: `http://${host}:${port}/?${WEB_TOKEN_PARAM}=${token}`, port, token, close }
}

/**
 * Why an upgrade must be refused, or null to accept it. Checked before the WebSocket handshake
 * completes, with the same Host allow-list as plain HTTP (a DNS-rebinding page connects under its own name).
 */
function upgradeRefusal(req: IncomingMessage, port: number, token: string): string | null {
  if (!isOwnHost(req.headers.host, port)) return 'forbidden: unknown Host'
  let url: URL
  try {
    url = new URL(req.url ?? '/', 'http://127.0.0.1')
  } catch {
    // An absolute-form target such as `http://[` does not parse; it is never our page's request.
    return 'forbidden: malformed request target'
  }
  if (url.pathname !== WEB_API_PATH) return 'forbidden: unknown path'
  if (!isOwnOrigin(req.headers.origin, port)) return 'forbidden: origin not allowed'
  if (!tokenMatches(token, url.searchParams.get(WEB_TOKEN_PARAM))) return 'forbidden: missing or wrong token'
  return null
}

/** Answer a refused upgrade with a plain HTTP 403 and drop the socket. */
function refuseUpgrade(socket: Duplex, reason: string): void {
  const body = `${reason}\n`
  socket.once('finish', () => socket.destroy())
  socket.end(
    'HTTP/1.1 403 Forbidden\r\n' +
      'Connection: close\r\n' +
      'Content-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      '\r\n' +
      body
  )
}

/** Close every client with 1001 (going away), cutting off those that do not answer in time. */
async function closeClients(wss: WebSocketServer): Promise<void> {
  await Promise.all(
    [...wss.clients].map(
      (client) =>
        new Promise<void>((resolve) => {
          if (client.readyState === client.CLOSED) return resolve()
          const timer = setTimeout(() => client.terminate(), CLOSE_GRACE_MS)
          client.once('close', () => {
            clearTimeout(timer)
            resolve()
          })
          client.close(1001, 'host closing')
        })
    )
  )
}
