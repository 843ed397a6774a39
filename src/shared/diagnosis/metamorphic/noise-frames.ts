import type { Chooser } from './chooser'
import type { JsonFrame } from './wire-frames'

/** Frame types no client is required to understand; a liberal client shows and ignores them. */
const UNKNOWN_TYPES = ['system_metrics', 'thread_updated', 'agent_registry_updated', 'cache_stats']

/** The server's `heartbeat` (PROTOCOL.md §3); the client owes a `heartbeat_ack`. */
export function heartbeatFrame(nowMs: number): JsonFrame {
  return { type: 'heartbeat', data: { timestamp: nowMs / 1000 }, timestamp: nowMs / 1000, server_id: null, correlation_id: null }
}

/** The newest servers' `backend_log`, optionally scoped to a run (it then names no agent). */
export function backendLogFrame(nowMs: number, runId: string | null, choose: Chooser): JsonFrame {
  const data: JsonFrame = {
    level: choose.pick(['debug', 'info', 'warning']),
    logger: choose.pick(['netra.agents.supervisor', 'netra.websocket.bridge', 'netra.llm']),
    message: choose.pick(['cache warm', 'LLM call took 812 ms', 'retrying tool registry lookup'])
  }
  if (runId !== null) data.run_id = runId
  return { type: 'backend_log', data, timestamp: new Date(nowMs).toISOString() }
}

/** A frame of a type this client has never heard of. */
export function unknownTypeFrame(nowMs: number, choose: Chooser): JsonFrame {
  return { type: choose.pick(UNKNOWN_TYPES), data: { note: 'ignored by liberal clients', value: choose.int(1000) }, timestamp: nowMs / 1000 }
}
