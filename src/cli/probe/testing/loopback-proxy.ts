import { createServer as createHttpServer, type Server as HttpServer } from 'node:http'
import { connect, createServer, type Server, type Socket } from 'node:net'
import { createServer as createTlsServer } from 'node:tls'

/** A proxy or gateway of our own on 127.0.0.1, for tests. */
export type LoopbackServer = { port: number; close(): Promise<void> }

function listen(server: Server | HttpServer, sockets: Set<Socket>): Promise<LoopbackServer> {
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      resolve({
        port: typeof address === 'object' && address ? address.port : 0,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy()
            server.close(() => done())
          })
      })
    })
  })
}

/**
 * A byte-level TCP proxy to `targetPort`, optionally terminating TLS and optionally cutting
 * connections that stay idle (no byte either way) for `idleTimeoutMs` — the way a load
 * balancer does: the sockets are destroyed, no WebSocket close frame is sent.
 */
export function startTcpProxy(options: {
  targetPort: number
  idleTimeoutMs?: number
  tls?: { cert: string; key: string }
  /** Answer the first N connections with HTTP 503 (a gateway whose backend is briefly away), then proxy. */
  refuseFirst?: number
}): Promise<LoopbackServer> {
  const sockets = new Set<Socket>()
  let refusalsLeft = options.refuseFirst ?? 0
  const onClient = (client: Socket): void => {
    if (refusalsLeft > 0) {
      refusalsLeft--
      const body = '{"detail":"upstream connect error"}'
      client.on('error', () => undefined)
      client.once('data', () => client.end(`HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`))
      return
    }
    const upstream = connect(options.targetPort, '127.0.0.1')
    sockets.add(upstream)
    upstream.once('close', () => sockets.delete(upstream))
    client.pipe(upstream).pipe(client)
    const cut = (): void => {
      client.destroy()
      upstream.destroy()
    }
    client.on('error', cut)
    upstream.on('error', cut)
    client.on('close', cut)
    upstream.on('close', cut)
    if (options.idleTimeoutMs) {
      let timer = setTimeout(cut, options.idleTimeoutMs)
      const activity = (): void => {
        clearTimeout(timer)
        timer = setTimeout(cut, options.idleTimeoutMs)
      }
      client.on('data', activity)
      upstream.on('data', activity)
      client.once('close', () => clearTimeout(timer))
    }
  }
  const server = options.tls ? createTlsServer({ cert: options.tls.cert, key: options.tls.key }, onClient) : createServer(onClient)
  return listen(server, sockets)
}

const BAD_GATEWAY_PAGE = '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n'

/** A gateway whose upstream is down: every request and every upgrade gets nginx's 502 page. */
export function startBadGateway(): Promise<LoopbackServer> {
  const sockets = new Set<Socket>()
  const server = createHttpServer((_request, response) => {
    response.writeHead(502, { 'Content-Type': 'text/html', Server: 'nginx' })
    response.end(BAD_GATEWAY_PAGE)
  })
  server.on('upgrade', (_request, socket: Socket) => {
    socket.end(
      `HTTP/1.1 502 Bad Gateway\r\nServer: nginx\r\nContent-Type: text/html\r\nContent-Length: ${Buffer.byteLength(BAD_GATEWAY_PAGE)}\r\nConnection: close\r\n\r\n${BAD_GATEWAY_PAGE}`
    )
  })
  return listen(server, sockets)
}
