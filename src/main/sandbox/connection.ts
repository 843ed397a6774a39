import { randomBytes } from 'node:crypto'
import { WebSocket } from 'ws'
import { standardEnvelope } from './envelopes'
import type { FaultSet } from './faults/fault-set'
import type { SandboxStats } from './stats'
import type { SandboxEventStyle, SandboxGeneration, ServerFrameTransform, TriageOrder } from './types'

/** Everything fixed for a connection when it opened (`configure` only affects later ones). */
export interface ConnectionSettings {
  generation: SandboxGeneration
  faults: FaultSet
  triage: TriageOrder
  stepDelayMs: number
  eventStyle: SandboxEventStyle
  /** The test seam of SandboxOptions: rewrites every JSON frame before it is sent. */
  transformServerFrame: ServerFrameTransform | null
  mode: string
  /** The user id the server reports (the token's sub, or the demo user). */
  userId: string
  /** The token's own sub, kept to show the demo-mode mismatch. */
  tokenSub: string
}

/**
 * One accepted WebSocket and its per-connection state.
 *
 * Feature modules (pipeline, flood, faults) talk to the socket only through this class so
 * that "silent" and "closed" are honoured in one place: once a fault silences or ends the
 * connection, every later send is dropped instead of leaking a frame.
 */
export class SandboxConnection {
  readonly connectionId = `conn_${randomBytes(8).toString('hex')}`
  private silent = false
  private closing = false
  private chain: Promise<void> = Promise.resolve()
  private runGeneration = 0
  private runsInFlight = 0
  private releaseHandshake: (() => void) | null = null
  private handshakeGate: Promise<void> = Promise.resolve()

  constructor(
    readonly ws: WebSocket,
    readonly settings: ConnectionSettings,
    private readonly stats: SandboxStats,
    /** The sandbox's other open connections (the cross-user-leak fault misroutes to one of them). */
    private readonly connections: () => Iterable<SandboxConnection> = () => []
  ) {}

  /**
   * An open connection of another user, if any: where a misrouted event lands. One with a run in flight
   * comes first, as when a server mixes up two concurrent runs; an idle one (say, a support engineer's own
   * session left open beside an isolation check) only when no other user is running anything.
   */
  otherUsersConnection(): SandboxConnection | null {
    let idle: SandboxConnection | null = null
    for (const peer of this.connections()) {
      if (peer === this || !peer.open || peer.settings.userId === this.settings.userId) continue
      if (peer.runsInFlight > 0) return peer
      idle ??= peer
    }
    return idle
  }

  /** Do `run` (an agent run) counted as in flight on this connection until it ends, however it ends. */
  async inFlight(run: () => Promise<void>): Promise<void> {
    this.runsInFlight++
    try {
      await run()
    } finally {
      this.runsInFlight--
    }
  }

  /** Can the server still send on this connection? */
  get open(): boolean {
    return !this.silent && !this.closing && this.ws.readyState === WebSocket.OPEN
  }

  /** Has a fault silenced the connection? */
  get isSilent(): boolean {
    return this.silent
  }

  /** The texts to put on the wire for one frame: the frame itself, or what the transform makes of it. */
  private wireTexts(message: Record<string, unknown>): string[] {
    const transform = this.settings.transformServerFrame
    if (!transform) return [JSON.stringify(message)]
    return transform(message).map((frame) => JSON.stringify(frame))
  }

  /**
   * Send a JSON message (or a raw string, for the malformed-frame fault); dropped once closed or
   * silent. JSON messages pass through the frame transform when one is set; raw strings never do.
   */
  send(message: Record<string, unknown> | string): void {
    if (!this.open) return
    for (const text of typeof message === 'string' ? [message] : this.wireTexts(message)) {
      this.stats.messagesSent++
      this.ws.send(text)
    }
  }

  /**
   * Send a serialised JSON frame and resolve once it is handed to the kernel: the unit of
   * backpressure. Only with a frame transform is the text parsed again, so floods stay cheap.
   */
  sendFlushed(text: string): Promise<void> {
    if (!this.open) return Promise.resolve()
    const texts = this.settings.transformServerFrame
      ? this.wireTexts(JSON.parse(text) as Record<string, unknown>)
      : [text]
    if (texts.length === 0) return Promise.resolve()
    this.stats.messagesSent += texts.length
    return new Promise((resolve) =>
      texts.forEach((each, i) => this.ws.send(each, i === texts.length - 1 ? () => resolve() : undefined))
    )
  }

  /** Send a standard envelope in this connection's generation. */
  sendEnvelope(type: string, data: Record<string, unknown>): void {
    this.send(standardEnvelope(this.settings.generation, type, data))
  }

  /** Wait `ms`; 0 still yields so other sockets and timers get a turn. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)))
  }

  /** Run tasks (agent runs, floods) one after another, so their frames never interleave. */
  enqueue(task: () => Promise<void>): void {
    this.chain = this.chain.then(task).catch(() => undefined)
  }

  /** A token that goes stale when `stop_agent` arrives. */
  currentRun(): number {
    return this.runGeneration
  }

  /** Cancel the run in progress (stop_agent). */
  cancelRuns(): void {
    this.runGeneration++
  }

  /** Hold user messages until handshake_acknowledged (handshake generation). */
  holdUntilHandshake(): void {
    this.handshakeGate = new Promise((resolve) => {
      this.releaseHandshake = resolve
    })
  }

  /** The client acknowledged the handshake. */
  acknowledgeHandshake(): void {
    this.releaseHandshake?.()
    this.releaseHandshake = null
  }

  /** Resolves once the handshake is acknowledged (at once in other generations). */
  handshakeDone(): Promise<void> {
    return this.handshakeGate
  }

  /** Server-initiated close with a close frame; the handshake generation announces cleanup first. */
  close(code: number, reason: string): void {
    if (!this.open) return
    if (this.settings.generation === 'handshake') {
      this.sendEnvelope('cleanup_started', { connection_id: this.connectionId, reason, code })
      this.sendEnvelope('cleanup_complete', { connection_id: this.connectionId, resources_released: true })
    }
    this.closing = true
    this.ws.close(code, reason)
  }

  /** The normal end: 1000 "<mode> cleanup". */
  endNormally(): void {
    this.close(1000, `${this.settings.mode} cleanup`)
  }

  /** Drop the TCP connection without a close frame: the client sees 1006. */
  drop(): void {
    this.closing = true
    this.ws.terminate()
  }

  /** Stop sending and stop reading, so not even a protocol-level pong or a close reply goes out. */
  goSilent(): void {
    this.silent = true
    this.ws.pause()
  }
}
