import { randomBytes } from 'node:crypto'
import { SandboxConnection } from './connection'
import { failComponent } from './faults/component-failures'
import { attachMessageHandler } from './message-handler'
import type { SandboxStats } from './stats'

/** The five events every healthy run shows, announced in connection_established. */
export const GOLDEN_PATH_EVENTS = [
  'agent_started',
  'agent_thinking',
  'tool_executing',
  'tool_completed',
  'agent_completed'
]

/** Server heartbeat after this much client silence (production's 30 s). */
const HEARTBEAT_AFTER_MS = 30_000

/** Faults that end the connection right after accept, before connection_established, in priority order. */
const ACCEPT_PHASE_FAILURES = [
  'auth-failed-after-accept',
  'database-down',
  'factory-failure',
  'dependencies-failure',
  'redis-failure',
  'bridge-failure',
  'integration-failure'
]

/**
 * Drive an accepted connection from connection_established to its end.
 *
 * Faults that strike at accept time are handled here; mid-run faults live in the
 * pipeline and message handler, so each sits next to the behaviour it breaks.
 */
export function runConnection(conn: SandboxConnection, stats: SandboxStats): void {
  const { faults, generation, stepDelayMs, mode, userId } = conn.settings
  stats.activeConnections++
  stats.totalConnections++
  conn.ws.once('close', () => {
    stats.activeConnections--
  })
  conn.ws.on('error', () => undefined)

  if (faults.has('cold-start')) {
    // Queued behind a startup that never finishes: no greeting, then the queue times out.
    setTimeout(() => conn.close(1001, 'Startup timeout'), Math.max(20, stepDelayMs * 10))
    return
  }
  if (faults.has('too-many-connections')) return conn.close(1008, 'Too many concurrent connections (6/5)')
  if (faults.has('try-again-1013'))
    return conn.close(1013, 'Service temporarily unavailable - retry in 30 seconds')
  if (faults.has('bare-1011')) return conn.close(1011, '')
  const failure = ACCEPT_PHASE_FAILURES.find((id) => faults.has(id))
  if (failure) return failComponent(conn, failure)

  conn.sendEnvelope('connection_established', {
    mode,
    user_id: userId,
    connection_id: conn.connectionId,
    golden_path_events: GOLDEN_PATH_EVENTS,
    features: {
      agent_events: true,
      tool_events: true,
      heartbeat: true,
      streaming: true,
      handshake: generation === 'handshake',
      demo_mode: faults.has('demo-mode')
    },
    timestamp: Date.now() / 1000
  })
  if (faults.has('rate-limit')) return conn.close(1008, 'Rate limit exceeded - retry after 30s')

  let firstRunId: string | null = null
  if (generation === 'handshake') {
    firstRunId = `run_${randomBytes(8).toString('hex')}`
    conn.holdUntilHandshake()
    conn.sendEnvelope('handshake_response', {
      thread_id: `thread_${randomBytes(8).toString('hex')}`,
      run_id: firstRunId,
      request_id: `req_${randomBytes(8).toString('hex')}`,
      session_token: randomBytes(24).toString('base64url'),
      message: 'Handshake complete; acknowledge to start'
    })
    conn.sendEnvelope('backend_log', {
      level: 'info',
      logger: 'netra.websocket',
      message: `Connection ${conn.connectionId} accepted in ${mode} mode`
    })
  }
  attachMessageHandler(conn, stats, firstRunId)
  armHeartbeat(conn)
}

/** Send a heartbeat after client silence, like the real server; every client message re-arms it. */
function armHeartbeat(conn: SandboxConnection): void {
  let timer: NodeJS.Timeout | null = null
  const arm = (): void => {
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => {
      if (conn.open)
        conn.sendEnvelope('heartbeat', { timestamp: Date.now() / 1000, connection_id: conn.connectionId })
      arm()
    }, HEARTBEAT_AFTER_MS)
    timer.unref()
  }
  conn.ws.on('message', arm)
  conn.ws.once('close', () => {
    if (timer) clearTimeout(timer)
  })
  arm()
}
