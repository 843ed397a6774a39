import { randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'
import { createAuthHandler } from './auth-service'
import { validateFaults } from './faults/fault-set'
import { isSandboxGeneration } from './generations'
import { isTriageOrder } from './triage-orders'
import { createHttpHandler } from './http-routes'
import type { SandboxState } from './sandbox-state'
import { SandboxStats } from './stats'
import { TicketStore } from './tickets'
import { mintAccessToken } from './tokens'
import type { ResolvedSandboxOptions, Sandbox, SandboxOptions, SandboxPatch } from './types'
import { chosenSubprotocols, createUpgradeHandler } from './ws-upgrade'

/** How long stop() lets clients answer the closing handshake before it cuts the sockets. */
const CLOSE_GRACE_MS = 250

function resolveOptions(options: SandboxOptions): ResolvedSandboxOptions {
  const resolved: ResolvedSandboxOptions = {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    authPort: options.authPort ?? 0,
    generation: options.generation ?? 'beta-17',
    faults: [...(options.faults ?? [])],
    triage: options.triage ?? 'insufficient',
    jwtSecret: options.jwtSecret ?? randomBytes(32).toString('base64url'),
    simulationKey: options.simulationKey ?? randomBytes(24).toString('base64url'),
    environment: options.environment ?? 'development',
    stepDelayMs: options.stepDelayMs ?? 40,
    transformServerFrame: options.transformServerFrame
  }
  checkPatch(resolved)
  return resolved
}

/** Reject bad values early: a mistyped fault must fail loudly, not inject nothing. */
function checkPatch(patch: SandboxPatch): void {
  if (patch.generation !== undefined && !isSandboxGeneration(patch.generation)) {
    throw new Error(`Unknown sandbox generation: ${String(patch.generation)}`)
  }
  if (patch.triage !== undefined && !isTriageOrder(patch.triage)) {
    throw new Error(`Unknown triage order: ${String(patch.triage)}`)
  }
  if (patch.faults !== undefined) validateFaults(patch.faults)
  if (patch.stepDelayMs !== undefined && !(Number.isFinite(patch.stepDelayMs) && patch.stepDelayMs >= 0)) {
    throw new Error(`stepDelayMs must be a non-negative number, got ${String(patch.stepDelayMs)}`)
  }
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve()
    server.close(() => resolve())
    server.closeAllConnections()
  })
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host
}

/** Start the embedded Netra-compatible server: HTTP API + WebSocket on one port, the auth service on another. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const resolved = resolveOptions(options)
  const state: SandboxState = {
    options: resolved,
    stats: new SandboxStats(),
    tickets: new TicketStore(),
    connections: new Set(),
    pendingUpgrades: new Set(),
    upgradeSockets: new Set(),
    stopping: false,
    wsBase: ''
  }
  const wss = new WebSocketServer({
    noServer: true,
    // Large enough for the contract's 1 MiB messages plus envelope.
    maxPayload: 2 * 1024 * 1024,
    handleProtocols: (_protocols, req) => chosenSubprotocols.get(req) ?? false
  })
  const api = createServer(createHttpHandler(state))
  api.on('upgrade', createUpgradeHandler(state, wss))
  const auth = createServer(createAuthHandler(state))

  let port: number
  let authPort: number
  try {
    port = await listen(api, resolved.port, resolved.host)
    authPort = await listen(auth, resolved.authPort, resolved.host)
  } catch (error) {
    await Promise.all([closeServer(api), closeServer(auth)])
    throw error
  }
  state.options = { ...state.options, port, authPort }
  const host = hostForUrl(resolved.host)
  state.wsBase = `ws://${host}:${port}`

  let stopped: Promise<void> | null = null
  const stop = async (): Promise<void> => {
    state.stopping = true
    for (const socket of state.pendingUpgrades) socket.destroy()
    const closing = [...state.connections].map(
      (conn) =>
        new Promise<void>((resolve) => {
          if (conn.ws.readyState === conn.ws.CLOSED) return resolve()
          conn.ws.once('close', () => resolve())
          if (conn.isSilent) conn.drop()
          else conn.endNormally()
        })
    )
    const grace = new Promise<void>((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref())
    await Promise.race([Promise.all(closing), grace])
    for (const conn of state.connections) conn.drop()
    for (const client of wss.clients) client.terminate()
    for (const socket of state.upgradeSockets) socket.destroy()
    await Promise.all([
      closeServer(api),
      closeServer(auth),
      new Promise<void>((resolve) => wss.close(() => resolve()))
    ])
  }

  return {
    wsUrl: `${state.wsBase}/ws`,
    httpUrl: `http://${host}:${port}`,
    authUrl: `http://${host}:${authPort}`,
    jwtSecret: resolved.jwtSecret,
    simulationKey: resolved.simulationKey,
    get options() {
      return { ...state.options, faults: [...state.options.faults] }
    },
    mintToken: (claims, opts) => mintAccessToken(resolved.jwtSecret, resolved.environment, claims, opts),
    configure(patch) {
      checkPatch(patch)
      const next = { ...state.options }
      if (patch.generation !== undefined) next.generation = patch.generation
      if (patch.faults !== undefined) next.faults = [...patch.faults]
      if (patch.triage !== undefined) next.triage = patch.triage
      if (patch.stepDelayMs !== undefined) next.stepDelayMs = patch.stepDelayMs
      state.options = next
    },
    stop() {
      stopped ??= stop()
      return stopped
    }
  }
}
