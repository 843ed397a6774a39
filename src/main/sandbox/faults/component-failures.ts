import { componentErrorEvent, errorEnvelope } from '../envelopes'
import type { SandboxConnection } from '../connection'

/** How one pipeline failure looks in the component-codes generation and in the others. */
interface FailureSpec {
  code: number
  component: string
  message: string
  rootCause: string
  /** Newer generations: an optional error_message, then a close (1011 unless stated). */
  fallback: { errorCode?: string; closeCode: number; reason: (mode: string) => string }
}

const FAILURES: Readonly<Record<string, FailureSpec>> = {
  'auth-failed-after-accept': {
    code: 1002,
    component: 'Authentication',
    message: 'Token validation failed',
    rootCause: 'SSOT auth rejected the JWT after the upgrade was accepted',
    fallback: { errorCode: 'AUTH_FAILED', closeCode: 1008, reason: () => 'Authentication failed' }
  },
  'factory-failure': {
    code: 1003,
    component: 'Factory',
    message: 'Failed to create WebSocket manager',
    rootCause: 'WebSocketManagerFactory raised during per-user isolation setup',
    fallback: { closeCode: 1011, reason: () => 'Factory initialization failed' }
  },
  'message-handler-failure': {
    code: 1004,
    component: 'MessageHandler',
    message: 'Handler crashed on message',
    rootCause: 'AgentMessageHandler raised while routing the message',
    fallback: { closeCode: 1011, reason: () => 'Processing error' }
  },
  'database-down': {
    code: 1005,
    component: 'Database',
    message: 'Connection pool exhausted',
    rootCause: 'database_postgres unreachable: connection refused on port 5432',
    fallback: {
      errorCode: 'SERVICE_INIT_FAILED',
      closeCode: 1011,
      reason: () => 'Service initialization failed'
    }
  },
  'dependencies-failure': {
    code: 1006,
    component: 'Dependencies',
    message: 'Required services unavailable',
    rootCause: 'app.state dependencies missing after startup',
    fallback: { closeCode: 1011, reason: () => 'Services not ready' }
  },
  'redis-failure': {
    code: 1007,
    component: 'Redis',
    message: 'Connection to Redis lost',
    rootCause: 'Redis session store timed out',
    fallback: { closeCode: 1011, reason: () => 'Failed to establish connection' }
  },
  'agent-supervisor-failure': {
    code: 1008,
    component: 'AgentSupervisor',
    message: 'Supervisor not initialized',
    rootCause: 'agent_supervisor missing from app.state',
    fallback: { closeCode: 1011, reason: (mode) => `${mode} mode error` }
  },
  'bridge-failure': {
    code: 1009,
    component: 'WebSocketBridge',
    message: 'Bridge not configured',
    rootCause: 'AgentWebSocketBridge has no emitter for this user',
    fallback: { closeCode: 1011, reason: () => 'Failed to establish connection' }
  },
  'integration-failure': {
    code: 1010,
    component: 'Integration',
    message: 'Agent integration failed',
    rootCause: 'Tool dispatcher could not bind to the execution engine',
    fallback: { closeCode: 1011, reason: () => 'Processing error' }
  }
}

/** Codes the Python `websockets` library refuses to send: the close fails and the TCP connection drops. */
const UNSENDABLE = new Set([1004, 1005, 1006])

/** Fault ids that stand for a failing backend component. */
export const COMPONENT_FAILURE_IDS: readonly string[] = Object.keys(FAILURES)

/**
 * End the connection the way the imitated generation reports a component failure.
 *
 * component-codes sends its error event and a component close code, and for 1004–1006
 * reproduces what uvicorn really did: the close raises, so the socket just drops.
 */
export function failComponent(conn: SandboxConnection, faultId: string): void {
  const spec = FAILURES[faultId]
  if (!spec) throw new Error(`Not a component failure: ${faultId}`)
  const { generation, mode } = conn.settings
  if (generation === 'component-codes') {
    const event = JSON.stringify(componentErrorEvent(spec.code, spec.component, spec.message, spec.rootCause))
    if (UNSENDABLE.has(spec.code)) {
      // The error event reaches the wire first, then the socket goes away, as on the real stack.
      void conn.sendFlushed(event).then(() => conn.drop())
      return
    }
    conn.send(event)
    conn.close(spec.code, `${spec.component}: ${spec.message}`.slice(0, 50))
    return
  }
  if (spec.fallback.errorCode) {
    conn.send(
      errorEnvelope(generation, spec.fallback.errorCode, `${spec.component}: ${spec.message}`, {
        component: spec.component,
        root_cause: spec.rootCause
      })
    )
  }
  conn.close(spec.fallback.closeCode, spec.fallback.reason(mode))
}
