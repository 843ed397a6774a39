import type { SandboxGeneration } from '../types'

/** One injectable fault: what it breaks and what a client observes. */
export interface SandboxFault {
  id: string
  title: string
  description: string
  /** Generations where the fault applies; absent means every generation. */
  generations?: SandboxGeneration[]
}

/**
 * Every fault the sandbox can inject.
 *
 * Descriptions state what a client observes on the wire, because that is what the
 * diagnosis must recognise; README.md carries the same table.
 */
export const SANDBOX_FAULTS: ReadonlyArray<SandboxFault> = [
  {
    id: 'token-rejected',
    title: 'Token rejected',
    description: 'Every upgrade is refused with HTTP 403 (AUTH_FAILED) before accept, whatever the token.'
  },
  {
    id: 'auth-failed-after-accept',
    title: 'Auth failed after accept',
    description:
      'The upgrade succeeds, then error_message AUTH_FAILED and close 1008 "Authentication failed" ' +
      '(component-codes: error event Authentication, close 1002 "Authentication: Token validation failed").'
  },
  {
    id: 'no-matching-subprotocol',
    title: 'No matching subprotocol',
    description: 'An upgrade that offers subprotocols is refused with HTTP 403 as if none matched.'
  },
  {
    id: 'expired-token',
    title: 'Expired token',
    description:
      'The server treats every token as expired: HTTP 403 "Token expired" on the upgrade (401 from the ticket endpoint).'
  },
  {
    id: 'wrong-env',
    title: 'Wrong environment',
    description:
      "The server believes it runs in another environment than the token's `env`: HTTP 403 environment mismatch."
  },
  {
    id: 'readiness-refusal',
    title: 'Readiness refusal',
    description:
      'HTTP 403 "Service not ready: database_postgres" on the upgrade; /ws/health shows ' +
      'allow_websocket_connections false with that denial_reason.'
  },
  {
    id: 'database-down',
    title: 'Database down',
    description:
      'database_postgres failed in /ws/health and /health/ready; the upgrade succeeds, then error_message ' +
      'SERVICE_INIT_FAILED and close 1011 "Service initialization failed" (component-codes: error event ' +
      'Database 1005, then the TCP connection drops and the client sees 1006).'
  },
  {
    id: 'redis-degraded',
    title: 'Redis degraded',
    description: 'database_redis degraded in /ws/health (status degraded); connections and runs still work.'
  },
  {
    id: 'factory-failure',
    title: 'Factory failure',
    description:
      'After accept: close 1011 "Factory initialization failed" (component-codes: error event Factory, close 1003 "Factory: …").'
  },
  {
    id: 'agent-death',
    title: 'Agent death',
    description:
      'Mid-run, after data_helper starts thinking: agent_death {status:"dead"}; the run never completes, the socket stays open.'
  },
  {
    id: 'bare-1011',
    title: 'Bare 1011',
    description:
      'Close 1011 with an empty reason right after the handshake, before connection_established; no other hint.'
  },
  {
    id: 'tcp-drop',
    title: 'TCP drop',
    description:
      'Mid-run the socket is destroyed without a close frame: the client sees 1006, wasClean false.'
  },
  {
    id: 'server-silent',
    title: 'Server silent',
    description:
      "After the Supervisor's agent_started the server sends nothing more and stops reading: no events, no pong, " +
      'no heartbeat, no close (a client close handshake never completes).'
  },
  {
    id: 'slow-llm',
    title: 'Slow LLM',
    description:
      "data_helper's agent_thinking is held back by 150 × stepDelayMs (6 s at the default 40 ms, breaching the " +
      '5 s data-processing SLA); `slow-llm:<ms>` sets the delay. Handshake generation sends agent_timeout_warning first.'
  },
  {
    id: 'missing-tool-completed',
    title: 'Missing tool_completed',
    description: 'data_helper emits tool_executing but never tool_completed; the rest of the run completes.'
  },
  {
    id: 'optimization-before-data',
    title: 'Optimization before data',
    description:
      'The run goes triage → optimization → data → reporting, breaking "data must come before optimization".'
  },
  {
    id: 'cross-user-leak',
    title: 'Cross-user leak',
    description:
      "One data_helper event reaches the wrong user: with another user connected (one whose run is in flight first), this user's agent_thinking is also sent to them; alone, this session gets a stranger's (another user_id and run_id)."
  },
  {
    id: 'demo-mode',
    title: 'Demo mode',
    description:
      'connection_established and every event report user_id "demo-user-001" whatever the token\'s sub.'
  },
  {
    id: 'rate-limit',
    title: 'Rate limit',
    description: 'Right after connection_established: close 1008 "Rate limit exceeded - retry after 30s".'
  },
  {
    id: 'too-many-connections',
    title: 'Too many connections',
    description:
      'Right after accept, before connection_established: close 1008 "Too many concurrent connections (6/5)".'
  },
  {
    id: 'restart-1012',
    title: 'Service restart (1012)',
    description: 'Mid-run, after triage completes: close 1012 "Service restart".'
  },
  {
    id: 'try-again-1013',
    title: 'Try again later (1013)',
    description: 'Right after accept: close 1013 "Service temporarily unavailable - retry in 30 seconds".'
  },
  {
    id: 'message-too-big-1009',
    title: 'Message too big (1009)',
    description: 'The first message the client sends is answered with close 1009 "Message too big".'
  },
  {
    id: 'malformed-json-frame',
    title: 'Malformed JSON frame',
    description:
      "Mid-run, after triage's agent_thinking, the server sends a text frame that is truncated JSON; the run continues."
  },
  {
    id: 'cold-start',
    title: 'Cold start',
    description:
      '/health and /health/ready answer 503 with startup_in_progress; an upgrade is accepted but queued, and closes ' +
      'with 1001 "Startup timeout" after 10 × stepDelayMs (at least 20 ms) without connection_established.'
  },
  {
    id: 'message-handler-failure',
    title: 'MessageHandler failure (1004)',
    description:
      'component-codes: the first client message gets error event MessageHandler 1004, then the connection drops (1006). ' +
      'Other generations: close 1011 "Processing error".',
    generations: ['component-codes']
  },
  {
    id: 'dependencies-failure',
    title: 'Dependencies failure (1006)',
    description:
      'component-codes: right after accept, error event Dependencies 1006, then the connection drops (1006). ' +
      'Other generations: close 1011 "Services not ready".',
    generations: ['component-codes']
  },
  {
    id: 'redis-failure',
    title: 'Redis failure (1007)',
    description:
      'component-codes: right after accept, error event Redis, close 1007 "Redis: …". Other generations: close 1011 "Failed to establish connection".',
    generations: ['component-codes']
  },
  {
    id: 'agent-supervisor-failure',
    title: 'AgentSupervisor failure (1008)',
    description:
      'component-codes: when a run starts, error event AgentSupervisor, close 1008 "AgentSupervisor: …". Other generations: close 1011 "<mode> mode error".',
    generations: ['component-codes']
  },
  {
    id: 'bridge-failure',
    title: 'WebSocketBridge failure (1009)',
    description:
      'component-codes: right after accept, error event WebSocketBridge, close 1009 "WebSocketBridge: …". Other generations: close 1011 "Failed to establish connection".',
    generations: ['component-codes']
  },
  {
    id: 'integration-failure',
    title: 'Integration failure (1010)',
    description:
      'component-codes: right after accept, error event Integration, close 1010 "Integration: …". Other generations: close 1011 "Processing error".',
    generations: ['component-codes']
  }
]
