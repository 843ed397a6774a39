import type { IncomingMessage } from 'node:http'
import { WebSocket, type ClientOptions } from 'ws'

/** How a connection ended, as the client saw it. */
export interface ObservedClose {
  code: number
  reason: string
  wasClean: boolean
  /** Milliseconds from open to close. */
  afterMs: number
}

/** A connected test client that records every frame. */
export interface TestClient {
  readonly ws: WebSocket
  /** The subprotocol the server echoed ('' when none). */
  readonly protocol: string
  /** Every text frame, verbatim. */
  readonly texts: string[]
  /** Every text frame that parsed as JSON (malformed ones are only in `texts`). */
  readonly frames: Array<Record<string, unknown>>
  /** Resolves when the connection ends. */
  readonly closed: Promise<ObservedClose>
  send(message: Record<string, unknown> | string): void
  /** The first frame (already received or future) that matches, or a rejection after `timeoutMs`. */
  waitFor(
    predicate: (frame: Record<string, unknown>) => boolean,
    timeoutMs?: number
  ): Promise<Record<string, unknown>>
}

/** What a refused upgrade looked like: the HTTP status and body, and whether anything WebSocket-level happened. */
export interface ObservedRefusal {
  status: number
  body: string
  headers: IncomingMessage['headers']
  /** True if the client ever saw an open socket or a close frame (must stay false for a refusal). */
  sawWebSocket: boolean
}

/** Connection options for the helpers. */
export interface ConnectOptions {
  protocols?: string[]
  headers?: Record<string, string>
}

/** Open a client; rejects with the refusal (status, body) if the upgrade is refused. */
export function openClient(url: string, opts: ConnectOptions = {}): Promise<TestClient> {
  return new Promise((resolve, reject) => {
    const clientOptions: ClientOptions = { headers: opts.headers ?? {} }
    const ws = new WebSocket(url, opts.protocols ?? [], clientOptions)
    const texts: string[] = []
    const frames: Array<Record<string, unknown>> = []
    const waiters: Array<{
      predicate: (frame: Record<string, unknown>) => boolean
      resolve: (frame: Record<string, unknown>) => void
    }> = []
    let openedAt = 0
    ws.on('message', (data, isBinary) => {
      if (isBinary) return
      const text = data.toString()
      texts.push(text)
      let frame: Record<string, unknown>
      try {
        frame = JSON.parse(text) as Record<string, unknown>
      } catch {
        return
      }
      frames.push(frame)
      for (const waiter of [...waiters]) {
        if (waiter.predicate(frame)) {
          waiters.splice(waiters.indexOf(waiter), 1)
          waiter.resolve(frame)
        }
      }
    })
    const closed = new Promise<ObservedClose>((resolveClose) => {
      ws.addEventListener('close', (event) => {
        resolveClose({
          code: event.code,
          reason: event.reason,
          wasClean: event.wasClean,
          afterMs: Date.now() - openedAt
        })
      })
    })
    ws.on('unexpected-response', (req, res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        req.destroy()
        reject(
          Object.assign(new Error(`upgrade refused: ${res.statusCode}`), {
            status: res.statusCode,
            body: Buffer.concat(chunks).toString('utf8')
          })
        )
      })
    })
    ws.on('error', (error) => {
      if (openedAt === 0) reject(error)
    })
    ws.once('open', () => {
      openedAt = Date.now()
      resolve({
        ws,
        protocol: ws.protocol,
        texts,
        frames,
        closed,
        send: (message) => ws.send(typeof message === 'string' ? message : JSON.stringify(message)),
        waitFor: (predicate, timeoutMs = 5000) => {
          const found = frames.find(predicate)
          if (found) return Promise.resolve(found)
          return new Promise((resolveWait, rejectWait) => {
            const timer = setTimeout(
              () => rejectWait(new Error(`no matching frame within ${timeoutMs} ms`)),
              timeoutMs
            )
            waiters.push({
              predicate,
              resolve: (frame) => {
                clearTimeout(timer)
                resolveWait(frame)
              }
            })
          })
        }
      })
    })
  })
}

/** Attempt an upgrade that should be refused; resolves with what the client observed, rejects if it opened. */
export function expectRefusal(url: string, opts: ConnectOptions = {}): Promise<ObservedRefusal> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, opts.protocols ?? [], { headers: opts.headers ?? {} })
    let sawWebSocket = false
    ws.on('open', () => {
      sawWebSocket = true
      ws.terminate()
      reject(new Error('upgrade was accepted'))
    })
    ws.on('close', (code) => {
      if (code !== 1006) sawWebSocket = true
    })
    ws.on('error', (error) => reject(error))
    ws.on('unexpected-response', (req, res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        req.destroy()
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          headers: res.headers,
          sawWebSocket
        })
      })
    })
  })
}

/** The frames of one type (flat events, and the frame type for everything else). */
export function framesOfType(
  frames: ReadonlyArray<Record<string, unknown>>,
  type: string
): Array<Record<string, unknown>> {
  return frames.filter((frame) => frame.type === type)
}

/** Open a client authenticated with a fresh token of `sandbox` (query token unless protocols/headers say otherwise). */
export async function openAuthed(
  sandbox: { wsUrl: string; mintToken(claims?: Record<string, unknown>): Promise<string> },
  opts: ConnectOptions & { path?: string; sub?: string } = {}
): Promise<TestClient> {
  const token = await sandbox.mintToken(opts.sub ? { sub: opts.sub } : {})
  const base = opts.path ? sandbox.wsUrl.replace(/\/ws$/, opts.path) : sandbox.wsUrl
  const url = `${base}${base.includes('?') ? '&' : '?'}token=${token}`
  return openClient(url, opts)
}

/** True for the Supervisor's agent_completed in the flat shape: the end of a healthy run. */
export function isRunEnd(frame: Record<string, unknown>): boolean {
  return frame.type === 'agent_completed' && frame.agent_name === 'Supervisor'
}

/** Read a nested field of received JSON by a dotted path (`'data.result.success'`); undefined when absent. */
export function dig(value: unknown, path: string): unknown {
  let current: unknown = value
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<string, unknown>)[key]
  }
  return current
}

/** Fetch a URL and parse its JSON body. */
export async function fetchJson(
  url: string,
  init?: RequestInit
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, init)
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}
