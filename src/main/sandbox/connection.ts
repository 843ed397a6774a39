import { randomBytes } from 'node:crypto'
import { WebSocket } from 'ws'
import { standardEnvelope } from './envelopes'
import type { FaultSet } from './faults/fault-set'
import type { SandboxStats } from './stats'
import type { SandboxGeneration, TriageOrder } from './types'

/** Everything fixed for a connection when it opened (`configure` only affects later ones). */
export interface ConnectionSettings {
  generation: SandboxGeneration
  faults: FaultSet
  triage: TriageOrder
  stepDelayMs: number
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
  private releaseHandshake: (() => void) | null = null
  private handshakeGate: Promise<void> = Promise.resolve()

  constructor(
    readonly ws: WebSocket,
    readonly settings: ConnectionSettings,
    private readonly stats: SandboxStats,
    /** The sandbox's other open connections (the cross-user-leak fault misroutes to one of them). */
    private readonly connections: () => Iterable<SandboxConnection> = () => []
  ) {}

  /** An open connection of another user, if any: where a misrouted event lands. */
  otherUsersConnection(): SandboxConnection | null {
    for (const peer of this.connections()) if (peer !== this && peer.open && peer.settings.userId !== this.settings.userId) return peer
    return null
  }

  /** Can the server still send on this connection? */
  get open(): boolean {
    return !this.silent && !this.closing && this.ws.readyState === WebSocket.OPEN
  }

  /** Has a fault silenced the connection? */
  get isSilent(): boolean {
    return this.silent
  }

  /** Send a JSON message (or a raw string, for the malformed-frame fault); dropped once closed or silent. */
  send(message: Record<string, unknown> | string): void {
    if (!this.open) return
    this.stats.messagesSent++
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message))
  }

  /** Send and resolve once the frame is handed to the kernel: the unit of backpressure. */
  sendFlushed(text: string): Promise<void> {
    if (!this.open) return Promise.resolve()
    this.stats.messagesSent++
    return new Promise((resolve) => this.ws.send(text, () => resolve()))
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
