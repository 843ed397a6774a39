import { createServer, STATUS_CODES, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import type { FrameRecord } from '../../../shared/api/frame-record'
import { planReplay, type ReplayEnding, type ReplayPlan, type ReplayStep } from './replay-plan'

/** Options of {@link startReplayServer}. */
export type ReplayServerOptions = {
  /** 0 picks a free port; always on 127.0.0.1. */
  port?: number
  /** Playback speed: 1 as recorded, 4 four times faster (default 1). */
  speed?: number
}

/** A running replay server. */
export type ReplayServer = {
  wsUrl: string
  httpUrl: string
  plan: ReplayPlan
  /** Connections served so far. */
  readonly connections: number
  stop(): Promise<void>
}

/** Headers of the recorded refusal that describe the recorded transport, not the answer: recomputed here. */
const TRANSPORT_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive'])

/**
 * The subprotocol to accept: the recorded one when the client offers it, else the client's offer
 * with the same scheme before the first dot (a recording keeps `jwt.«redacted»`, the client offers
 * `jwt.<its token>`), else none.
 */
function chooseProtocol(recorded: string | null, offered: Set<string>): string | false {
  if (recorded === null) return false
  if (offered.has(recorded)) return recorded
  const scheme = recorded.split('.')[0]
  for (const protocol of offered) if (protocol.split('.')[0] === scheme) return protocol
  return false
}

/** Answer an upgrade with the recorded refusal: its status, headers and body, then close. */
function refuse(socket: Duplex, plan: ReplayPlan): void {
  const { status, statusText, responseHeaders, body } = plan.handshake
  // No recorded status: the upgrade never got an HTTP answer; the client sees the connection end.
  if (status === null) return void socket.destroy()
  const text = body ?? ''
  const headers = Object.entries(responseHeaders).filter(([name]) => !TRANSPORT_HEADERS.has(name.toLowerCase()))
  const lines = [`HTTP/1.1 ${status} ${statusText ?? STATUS_CODES[status] ?? ''}`, ...headers.map(([name, value]) => `${name}: ${value}`), `Content-Length: ${Buffer.byteLength(text)}`, 'Connection: close', '', '']
  socket.end(`${lines.join('\r\n')}${text}`)
}

/**
 * One client's own playback: each server frame goes out its recorded delay after the client data
 * frame it followed (or the accept), divided by the speed; then the recorded end.
 */
class Playback {
  /** When the accept (index 0) and each client data frame (1, 2…) happened, epoch ms. */
  private readonly anchors: number[] = [Date.now()]
  private next = 0
  private timer: NodeJS.Timeout | null = null
  private ended = false

  constructor(
    private readonly ws: WebSocket,
    private readonly plan: ReplayPlan,
    private readonly speed: number
  ) {
    ws.on('message', () => {
      this.anchors.push(Date.now())
      this.schedule()
    })
    ws.on('close', () => this.stop())
    ws.on('error', () => this.stop())
    this.schedule()
  }

  private dueAt(item: { afterClientFrames: number; delayMs: number }): number | null {
    const anchor = this.anchors[item.afterClientFrames]
    return anchor === undefined ? null : anchor + item.delayMs / this.speed
  }

  private schedule(): void {
    if (this.ended || this.timer) return
    const step: ReplayStep | undefined = this.plan.steps[this.next]
    const ending: ReplayEnding = this.plan.ending
    const item = step ?? (ending.kind === 'await-client' ? null : ending)
    if (!item) return
    const due = this.dueAt(item)
    // Waiting for the client's next frame: its arrival schedules again.
    if (due === null) return
    this.timer = setTimeout(() => {
      this.timer = null
      if (step) {
        this.send(step)
        this.next += 1
        this.schedule()
      } else this.end(ending)
    }, Math.max(0, due - Date.now()))
  }

  private send(step: ReplayStep): void {
    if (this.ws.readyState !== this.ws.OPEN) return
    if (step.kind === 'ping') this.ws.ping(Buffer.from(step.data))
    else if (step.encoding === 'base64') this.ws.send(Buffer.from(step.data, 'base64'), { binary: true })
    else this.ws.send(step.data, { binary: false })
  }

  private end(ending: ReplayEnding): void {
    this.ended = true
    if (ending.kind === 'close') this.ws.close(ending.code, ending.reason)
    else if (ending.kind === 'drop') this.ws.terminate()
  }

  stop(): void {
    this.ended = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }
}

/**
 * Serve the server side of a recording on 127.0.0.1 to every client that connects, each with its
 * own playback (many at once): the recorded HTTP answers of the health and config endpoints, the
 * upgrade answered as recorded (accepted with the recorded subprotocol, or refused with the
 * recorded status, headers and body), the server's frames with their timing, and the recorded close.
 */
export async function startReplayServer(records: readonly FrameRecord[], options: ReplayServerOptions = {}): Promise<ReplayServer> {
  const plan = planReplay(records)
  const speed = options.speed ?? 1
  if (!(speed > 0) || !Number.isFinite(speed)) throw new Error(`speed must be a positive number, got ${speed}`)
  const playbacks = new Set<Playback>()
  let connections = 0
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://replay').pathname
    const answer = plan.http.get(path)
    if (!answer) {
      response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ detail: `${path} is not in the recording` }))
      return
    }
    response.writeHead(answer.status, answer.contentType ? { 'content-type': answer.contentType } : {}).end(answer.body)
  })
  const wss = new WebSocketServer({ noServer: true, handleProtocols: (offered) => chooseProtocol(plan.handshake.subprotocol, offered) })
  server.on('error', () => undefined)
  server.on('clientError', (_error, socket) => socket.destroy())
  wss.on('error', () => undefined)
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    connections += 1
    socket.on('error', () => socket.destroy())
    if (!plan.handshake.ok) return refuse(socket, plan)
    wss.handleUpgrade(request, socket, head, (ws) => {
      const playback = new Playback(ws, plan, speed)
      playbacks.add(playback)
      ws.on('close', () => playbacks.delete(playback))
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const path = (() => {
    try {
      return new URL(plan.handshake.url).pathname
    } catch {
      return '/ws'
    }
  })()
  return {
    wsUrl: `ws://127.0.0.1:${port}${path}`,
    httpUrl: `http://127.0.0.1:${port}`,
    plan,
    get connections() {
      return connections
    },
    async stop() {
      for (const playback of playbacks) playback.stop()
      for (const client of wss.clients) client.terminate()
      wss.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
