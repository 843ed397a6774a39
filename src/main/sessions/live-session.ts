import type { IncomingMessage } from 'node:http'
import WebSocket from 'ws'
import type { AuthMethod, CloseRecord, FrameRecord, FrameRecordDraft } from '../../shared/api/frame-record'
import { buildHeartbeatAck } from '../../shared/protocol/client-messages'
import type { SecretRedactor } from '../../shared/session-log/secret-redactor'
import { requestTicket } from './request-ticket'
import { buildUpgradeRequest, type SubprotocolStyle } from './upgrade-request'

/** Everything needed to open one connection attempt. */
export type LiveSessionOptions = {
  url: string
  httpBase: string | null
  authMethod: AuthMethod
  token: string | null
  subprotocolStyle?: SubprotocolStyle
  redactor: SecretRedactor
  /**
   * Stamps and delivers a record; the session runner owns the one clock of the session. `raw` is a
   * text frame's bytes as received, passed only when the record's `data` is exactly their text
   * (nothing was redacted), so the recorder can write them without encoding the text again.
   */
  emit(draft: FrameRecordDraft, raw?: Buffer): FrameRecord
  /** Milliseconds since the session started, on the runner's monotonic clock. */
  elapsed(): number
  handshakeTimeoutMs?: number
  /** Send a protocol `ping` this often; off when null. */
  pingIntervalMs?: number | null
}

/** A refusal body is kept up to this many bytes: enough for any `detail` a server sends. */
const BODY_LIMIT = 4096
/** How long a refusal body may take: a server that sends headers and then stalls must not hang the session. */
const BODY_TIME_BOX_MS = 2000
/** After the client starts the closing handshake, the peer has this long to answer before the socket is cut. */
export const CLOSE_GRACE_MS = 2000

function flattenHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const flat: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value
  }
  return flat
}

/** The start of a refusal body, and why reading stopped when it was not the body's end. */
type RefusalBody = { text: string; cut: 'limit' | 'time' | null }

/**
 * Read the first 4 KiB of a refused upgrade's body, within 2 s. Reading stops at the limit,
 * at the time box, at the end or on an error, whichever comes first; a body that never ends
 * or never stops costs at most the time box and 4 KiB.
 */
function readBody(response: IncomingMessage): Promise<RefusalBody> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    let settled = false
    const done = (cut: RefusalBody['cut']): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      // Cut on bytes, then decode: a character split at the limit becomes one replacement character.
      resolve({ text: Buffer.concat(chunks).subarray(0, BODY_LIMIT).toString('utf8'), cut })
    }
    const timer = setTimeout(() => done('time'), BODY_TIME_BOX_MS)
    response.on('data', (chunk: Buffer) => {
      chunks.push(chunk)
      size += chunk.length
      if (size > BODY_LIMIT) done('limit')
    })
    response.once('end', () => done(null))
    response.once('error', () => done(null))
    response.once('close', () => done(null))
  })
}

/**
 * One connection attempt: runs the auth step and the upgrade, records every frame, answers keepalives.
 *
 * Every observation becomes a redacted record passed to `emit`; nothing else leaves this
 * class. `closed` resolves with the close record whatever way the attempt ends.
 */
export class LiveSession {
  /** Resolves once the attempt has ended, with its close record (refusals included). */
  readonly closed: Promise<CloseRecord>
  private socket: WebSocket | null = null
  private closeRequested = false
  private handshakeDone = false
  private finished = false
  private setupFailed = false
  private pingTimer: NodeJS.Timeout | null = null
  private closeGraceTimer: NodeJS.Timeout | null = null
  /** Abandons the auth step (the ticket request) when the user closes before the upgrade. */
  private readonly cancelSetup = new AbortController()
  private resolveClosed!: (record: CloseRecord) => void

  constructor(private readonly options: LiveSessionOptions) {
    this.closed = new Promise((resolve) => (this.resolveClosed = resolve))
    options.redactor.add(options.token)
  }

  private emit(draft: FrameRecordDraft, raw?: Buffer): FrameRecord {
    return this.options.emit(draft, raw)
  }

  private elapsed(): number {
    return this.options.elapsed()
  }

  /** Run the auth step and the upgrade; resolves when the handshake has succeeded or failed. */
  async open(): Promise<void> {
    const { options } = this
    const redact = (text: string): string => options.redactor.redact(text)

    let request
    try {
      let ticketId: string | null = null
      if (options.authMethod === 'ticket') {
        if (!options.token) throw new Error('ticket auth needs a token to request the ticket, and none is available')
        if (!options.httpBase) throw new Error('ticket auth needs the environment\'s HTTP base URL')
        const ticket = await requestTicket(options.httpBase, options.token, undefined, this.cancelSetup.signal)
        options.redactor.add(ticket.ticketId)
        ticketId = ticket.ticketId
        this.emit({ kind: 'note', dir: 'local', text: `ticket issued (expires ${ticket.expiresAt ?? 'unknown'})` })
      }
      request = buildUpgradeRequest({ ...options, ticketId, subprotocolStyle: options.subprotocolStyle })
      if (this.closeRequested) throw new Error('cancelled by the user before connecting')
    } catch (error) {
      this.failBeforeUpgrade(error instanceof Error ? error.message : String(error))
      return
    }

    const requestHeaders: Record<string, string> = {
      Connection: 'Upgrade',
      Upgrade: 'websocket',
      'Sec-WebSocket-Version': '13',
      ...request.headers
    }
    if (request.subprotocols.length) requestHeaders['Sec-WebSocket-Protocol'] = request.subprotocols.join(', ')

    const started = this.elapsed()
    const handshakeBase = {
      kind: 'handshake' as const,
      dir: 'local' as const,
      url: redact(request.url),
      subprotocolsOffered: request.subprotocols.map(redact),
      requestHeaders: options.redactor.redactHeaders(requestHeaders)
    }

    await new Promise<void>((resolve) => {
      let responseHeaders: Record<string, string> = {}
      let refused = false
      let socket: WebSocket
      try {
        socket = new WebSocket(request.url, request.subprotocols, {
          headers: request.headers,
          handshakeTimeout: options.handshakeTimeoutMs ?? 10_000,
          perMessageDeflate: false,
          maxPayload: 256 * 1024 * 1024
        })
      } catch (error) {
        // A request ws refuses to build (e.g. a token with characters no HTTP header can carry): nothing was sent.
        this.failBeforeUpgrade(`the upgrade request could not be built: ${error instanceof Error ? error.message : String(error)}`)
        resolve()
        return
      }
      this.socket = socket

      socket.on('upgrade', (response) => {
        responseHeaders = options.redactor.redactHeaders(flattenHeaders(response.headers))
      })
      socket.on('open', () => {
        this.handshakeDone = true
        this.emit({
          ...handshakeBase,
          ok: true,
          status: 101,
          statusText: 'Switching Protocols',
          subprotocol: socket.protocol ? redact(socket.protocol) : null,
          responseHeaders,
          body: null,
          ms: this.elapsed() - started,
          error: null
        })
        this.startPinging()
        resolve()
      })
      socket.on('unexpected-response', (clientRequest, response) => {
        // From here the refusal is the handshake's outcome; a later socket error (the time box
        // cutting a stalled body) must not be reported as a second, different handshake.
        refused = true
        response.on('error', () => undefined)
        void readBody(response).then((body) => {
          this.handshakeDone = true
          this.emit({
            ...handshakeBase,
            ok: false,
            status: response.statusCode ?? null,
            statusText: response.statusMessage ?? null,
            subprotocol: null,
            responseHeaders: options.redactor.redactHeaders(flattenHeaders(response.headers)),
            body: redact(body.text),
            ms: this.elapsed() - started,
            error: `server refused the upgrade: HTTP ${response.statusCode}`
          })
          if (body.cut) {
            const why = body.cut === 'limit' ? `kept its first ${BODY_LIMIT} bytes` : `still arriving after ${BODY_TIME_BOX_MS} ms; kept what came`
            this.emit({ kind: 'note', dir: 'local', text: `refusal body ${why}` })
          }
          response.destroy()
          clientRequest.destroy()
          this.finish({ code: 1006, reason: '', initiator: this.closeRequested ? 'client' : 'none', clean: false })
          resolve()
        })
      })
      socket.on('message', (data, isBinary) => this.onMessage(data as Buffer, isBinary))
      socket.on('ping', (data) => this.emit({ kind: 'ping', dir: 'in', opcode: 9, data: redact(data.toString('utf8')), size: data.length }))
      socket.on('pong', (data) => this.emit({ kind: 'pong', dir: 'in', opcode: 10, data: redact(data.toString('utf8')), size: data.length }))
      socket.on('error', (error: NodeJS.ErrnoException) => {
        if (refused && !this.handshakeDone) return
        if (!this.handshakeDone) {
          this.handshakeDone = true
          this.emit({
            ...handshakeBase,
            ok: false,
            status: null,
            statusText: null,
            subprotocol: null,
            responseHeaders: {},
            body: null,
            ms: this.elapsed() - started,
            error: redact(error.message)
          })
          resolve()
        } else {
          this.emit({ kind: 'error', dir: 'local', message: redact(error.message), code: error.code ?? null })
        }
      })
      socket.on('close', (code, reason) => {
        if (refused && !this.handshakeDone) return
        const clean = code !== 1006
        // The user's close stays the user's even when the peer never answered it and the socket was cut.
        const initiator = this.closeRequested ? 'client' : clean ? 'server' : 'none'
        this.finish({ code, reason: redact(reason.toString('utf8')), initiator, clean })
        resolve()
      })
    })
  }

  private failBeforeUpgrade(message: string): void {
    this.setupFailed = true
    this.handshakeDone = true
    if (this.closeRequested) this.emit({ kind: 'note', dir: 'local', text: 'cancelled by the user before connecting' })
    else this.emit({ kind: 'error', dir: 'local', message: this.options.redactor.redact(message), code: 'auth-setup' })
    this.finish({ code: 1006, reason: '', initiator: this.closeRequested ? 'client' : 'none', clean: false })
  }

  private onMessage(data: Buffer, isBinary: boolean): void {
    if (isBinary) {
      this.emit({ kind: 'message', dir: 'in', opcode: 2, encoding: 'base64', data: data.toString('base64'), size: data.length })
      return
    }
    const text = data.toString('utf8')
    // One check per frame: the redactor returns the very same string when no secret is in it, and
    // then the received bytes are the record's text as they are (ws has validated their UTF-8).
    const redacted = this.options.redactor.redact(text)
    this.emit({ kind: 'message', dir: 'in', opcode: 1, encoding: 'utf8', data: redacted, size: data.length }, redacted === text ? data : undefined)
    // Cheap substring test first: most frames are agent events and must not be parsed twice here.
    if (text.includes('"heartbeat"')) this.answerIf(text, 'heartbeat', () => buildHeartbeatAck(Date.now()))
    else if (text.includes('"handshake_response"'))
      this.answerIf(text, 'handshake_response', () => JSON.stringify({ type: 'handshake_acknowledged', timestamp: Date.now() / 1000 }))
  }

  private answerIf(text: string, type: string, reply: () => string): void {
    try {
      const message = JSON.parse(text) as { type?: unknown }
      if (message.type === type) this.send(reply())
    } catch {
      // A malformed frame is already recorded and flagged; nothing to answer.
    }
  }

  private startPinging(): void {
    const interval = this.options.pingIntervalMs
    if (!interval) return
    this.pingTimer = setInterval(() => {
      this.send(JSON.stringify({ type: 'ping', timestamp: Date.now() / 1000 }))
    }, interval)
    this.pingTimer.unref()
  }

  private finish(close: Omit<CloseRecord, 'seq' | 't' | 'kind' | 'dir'>): void {
    // ws may report the end twice (an aborted refusal emits close too); only the first counts.
    if (this.finished) return
    this.finished = true
    if (this.pingTimer) clearInterval(this.pingTimer)
    this.pingTimer = null
    if (this.closeGraceTimer) clearTimeout(this.closeGraceTimer)
    this.closeGraceTimer = null
    const dir = close.initiator === 'server' ? 'in' : 'local'
    const record = this.emit({ kind: 'close', dir, ...close }) as CloseRecord
    this.resolveClosed(record)
  }

  /** Did the attempt fail before reaching the network (no token, ticket refused)? Retrying cannot help. */
  get failedBeforeUpgrade(): boolean {
    return this.setupFailed
  }

  /** Is the socket open for sending? */
  get isOpen(): boolean {
    return this.socket?.readyState === WebSocket.OPEN
  }

  /** Send a text frame; returns the seq of its record. Throws when the session is not open. */
  send(text: string): number {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) throw new Error('session is not open')
    const size = Buffer.byteLength(text)
    this.socket.send(text)
    return this.emit({ kind: 'message', dir: 'out', opcode: 1, encoding: 'utf8', data: this.options.redactor.redact(text), size }).seq
  }

  /**
   * Start the closing handshake (or abort a connection still opening). A peer that does not
   * answer the close within CLOSE_GRACE_MS is cut off, so closing always ends promptly.
   */
  close(code = 1000, reason = ''): void {
    const socket = this.socket
    // Already closing at the server's request: the close is the server's, but it must still end promptly.
    if (socket?.readyState === WebSocket.CLOSING && !this.closeRequested) return this.armCloseGrace(socket)
    this.closeRequested = true
    this.cancelSetup.abort()
    if (!socket) return
    if (socket.readyState === WebSocket.CONNECTING) socket.terminate()
    else if (socket.readyState === WebSocket.OPEN) {
      socket.close(code, reason)
      this.armCloseGrace(socket)
    }
  }

  private armCloseGrace(socket: WebSocket): void {
    if (this.closeGraceTimer) return
    this.closeGraceTimer = setTimeout(() => {
      if (this.finished || socket.readyState === WebSocket.CLOSED) return
      this.emit({ kind: 'note', dir: 'local', text: `no answer to the close within ${CLOSE_GRACE_MS} ms; connection cut by the client` })
      socket.terminate()
    }, CLOSE_GRACE_MS)
  }
}
