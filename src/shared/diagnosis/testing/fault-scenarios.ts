import type { SessionModel } from '../../session-model'
import type { DiagnosisContext } from '../diagnosis-types'
import { DEFAULT_AGENTS, sandboxHealth, type WireGeneration } from './sandbox-wire'
import { SessionBuilder } from './session-builder'

/** A hand-built session reproducing what a client observes under one sandbox fault. */
export type FaultScenario = { model: SessionModel; context: DiagnosisContext }

const CONTEXT: DiagnosisContext = { environmentKind: 'sandbox' }

/** Session start, token, DNS/TCP and the sandbox's health answers for these faults. */
function preflighted(faults: string[], generation: WireGeneration = 'beta-17'): SessionBuilder {
  const builder = new SessionBuilder({ kind: 'sandbox', name: 'Sandbox' }).start().token().reachable()
  return sandboxHealth(builder, new Set(faults), generation).wait(5)
}

/** Accepted and greeted, then the client's message. */
function conversing(
  faults: string[],
  generation: WireGeneration = 'beta-17',
  userId?: string
): SessionBuilder {
  return preflighted(faults, generation).accepted().wait(2).greeting(userId).wait(5).ask().wait(3)
}

function legacyError(
  code: number,
  component: string,
  message: string,
  rootCause: string
): Record<string, unknown> {
  return {
    type: 'error',
    error: {
      code,
      component,
      message,
      root_cause: rootCause,
      recoverable: false,
      timestamp: '2025-09-14T10:00:01Z'
    }
  }
}

function done(builder: SessionBuilder, context: DiagnosisContext = CONTEXT): FaultScenario {
  return { model: builder.model(), context: { ...context, elapsedMs: context.elapsedMs ?? builder.now } }
}

const AUTH_REFUSAL = (detail: string) => ({
  detail: `Authentication failed: ${detail}`,
  error_code: 'AUTH_FAILED'
})

/** A complete run and a polite client close: the fault-free sandbox. */
export function cleanScenario(generation: WireGeneration = 'beta-17'): FaultScenario {
  return done(conversing([], generation).run(DEFAULT_AGENTS).wait(10).close(1000, 'probe complete', 'client'))
}

/** One scenario per key of EXPECTED_FAULT_DIAGNOSES, from the sandbox README's "what the client observes". */
export const FAULT_SCENARIOS: Readonly<Record<string, () => FaultScenario>> = {
  'token-rejected': () =>
    done(preflighted(['token-rejected']).refused(403, AUTH_REFUSAL('Token rejected by auth service'))),
  'auth-failed-after-accept': () =>
    done(
      preflighted([])
        .accepted()
        .wait(1)
        .incoming({
          type: 'error_message',
          error_code: 'AUTH_FAILED',
          error_message: 'Authentication: Token validation failed',
          details: { component: 'Authentication', root_cause: 'SSOT auth rejected the JWT' },
          timestamp: 1757844000,
          recovery_suggestions: []
        })
        .close(1008, 'Authentication failed', 'server')
    ),
  'auth-failed-after-accept@component-codes': () =>
    done(
      preflighted([], 'component-codes')
        .accepted()
        .wait(1)
        .incoming(
          legacyError(1002, 'Authentication', 'Token validation failed', 'SSOT auth rejected the JWT')
        )
        .close(1002, 'Authentication: Token validation failed', 'server')
    ),
  'no-matching-subprotocol': () =>
    done(
      preflighted([]).refused(403, {
        detail: 'No matching subprotocol',
        offered_count: 1,
        error_code: 'SUBPROTOCOL_MISMATCH'
      })
    ),
  'expired-token': () => done(preflighted([]).refused(403, AUTH_REFUSAL('Token expired'))),
  'wrong-env': () =>
    done(
      preflighted([]).refused(
        403,
        AUTH_REFUSAL('Token environment mismatch: token env=development, server env=staging')
      )
    ),
  'readiness-refusal': () =>
    done(
      preflighted(['readiness-refusal']).refused(403, {
        detail: 'Service not ready: database_postgres',
        error_code: 'SERVICE_NOT_READY'
      })
    ),
  'database-down': () =>
    done(
      preflighted(['database-down'])
        .accepted()
        .wait(1)
        .incoming({
          type: 'error_message',
          error_code: 'SERVICE_INIT_FAILED',
          error_message: 'Database: Connection pool exhausted',
          details: { component: 'Database', root_cause: 'database_postgres unreachable' },
          timestamp: 1757844000,
          recovery_suggestions: []
        })
        .close(1011, 'Service initialization failed', 'server')
    ),
  'database-down@component-codes': () =>
    done(
      preflighted(['database-down'], 'component-codes')
        .accepted()
        .wait(1)
        .incoming(legacyError(1005, 'Database', 'Connection pool exhausted', 'database_postgres unreachable'))
        .wait(1)
        .close(1006, '', 'none')
    ),
  'redis-degraded': () =>
    done(conversing(['redis-degraded']).run(DEFAULT_AGENTS).close(1000, 'probe complete', 'client')),
  'redis-degraded@component-codes': () =>
    done(
      conversing(['redis-degraded'], 'component-codes')
        .run(DEFAULT_AGENTS)
        .close(1000, 'probe complete', 'client')
    ),
  'factory-failure': () =>
    done(preflighted([]).accepted().wait(1).close(1011, 'Factory initialization failed', 'server')),
  'factory-failure@component-codes': () =>
    done(
      preflighted([], 'component-codes')
        .accepted()
        .wait(1)
        .incoming(legacyError(1003, 'Factory', 'Failed to create WebSocket manager', 'factory raised'))
        .close(1003, 'Factory: Failed to create WebSocket manager', 'server')
    ),
  'agent-death': () =>
    done(
      conversing([])
        .run([
          'triage',
          {
            name: 'data_helper',
            stopAfter: 'agent_thinking',
            then: {
              type: 'agent_death',
              data: {
                status: 'dead',
                death_cause: 'LLM worker process exited unexpectedly (exit code 137)',
                recovery_action: 'Retry the request'
              }
            }
          }
        ])
        .wait(100)
        .close(1000, 'probe complete', 'client')
    ),
  'bare-1011': () => done(preflighted([]).accepted().wait(1).close(1011, '', 'server')),
  'tcp-drop': () =>
    done(
      conversing([])
        .run([{ name: 'triage', stopAfter: 'agent_started' }])
        .close(1006, '', 'none')
    ),
  'server-silent': () => {
    const builder = conversing([]).run(DEFAULT_AGENTS, { supervisorStopAfter: 'agent_started' }).wait(50000)
    return done(builder)
  },
  'slow-llm': () =>
    done(
      conversing([])
        .run(['triage', { name: 'data_helper', delayBefore: { agent_thinking: 6000 } }, 'reporting'])
        .close(1000, 'probe complete', 'client')
    ),
  'missing-tool-completed': () =>
    done(
      conversing([])
        .run(['triage', { name: 'data_helper', skip: ['tool_completed'] }, 'reporting'])
        .close(1000, 'probe complete', 'client')
    ),
  'optimization-before-data': () =>
    done(
      conversing([])
        .run(['triage', 'optimization', 'data', 'reporting'])
        .close(1000, 'probe complete', 'client')
    ),
  'cross-user-leak': () =>
    done(
      conversing([])
        .run([
          'triage',
          {
            name: 'data_helper',
            foreign: { agent_thinking: { userId: 'user-9f3a', runId: 'run_foreign1' } }
          },
          'reporting'
        ])
        .close(1000, 'probe complete', 'client')
    ),
  'demo-mode': () =>
    done(
      conversing([], 'beta-17', 'demo-user-001')
        .run(DEFAULT_AGENTS, { userId: 'demo-user-001' })
        .close(1000, 'probe complete', 'client')
    ),
  'rate-limit': () =>
    done(
      preflighted([])
        .accepted()
        .wait(1)
        .greeting()
        .close(1008, 'Rate limit exceeded - retry after 30s', 'server')
    ),
  'too-many-connections': () =>
    done(preflighted([]).accepted().wait(1).close(1008, 'Too many concurrent connections (6/5)', 'server')),
  'restart-1012': () =>
    done(
      conversing([])
        .run([{ name: 'triage', stopAfter: 'agent_completed' }])
        .close(1012, 'Service restart', 'server')
    ),
  'try-again-1013': () =>
    done(
      preflighted([])
        .accepted()
        .wait(1)
        .close(1013, 'Service temporarily unavailable - retry in 30 seconds', 'server')
    ),
  'message-too-big-1009': () => done(conversing([]).close(1009, 'Message too big', 'server')),
  'malformed-json-frame': () =>
    done(
      conversing([])
        .run([
          {
            name: 'triage',
            rawAfter: {
              agent_thinking:
                '{"type":"agent_thinking","run_id":"run_1","data":{"reasoning":"Analyzing the reque'
            }
          },
          'data_helper',
          'reporting'
        ])
        .close(1000, 'probe complete', 'client')
    ),
  'cold-start': () =>
    done(preflighted(['cold-start']).accepted().wait(400).close(1001, 'Startup timeout', 'server')),
  'message-handler-failure': () => done(conversing([]).close(1011, 'Processing error', 'server')),
  'message-handler-failure@component-codes': () =>
    done(
      conversing([], 'component-codes')
        .incoming(
          legacyError(1004, 'MessageHandler', 'Handler crashed on message', 'AgentMessageHandler raised')
        )
        .wait(1)
        .close(1006, '', 'none')
    ),
  'dependencies-failure': () =>
    done(preflighted([]).accepted().wait(1).close(1011, 'Services not ready', 'server')),
  'dependencies-failure@component-codes': () =>
    done(
      preflighted([], 'component-codes')
        .accepted()
        .wait(1)
        .incoming(
          legacyError(1006, 'Dependencies', 'Required services unavailable', 'app.state dependencies missing')
        )
        .wait(1)
        .close(1006, '', 'none')
    ),
  'redis-failure': () =>
    done(
      preflighted(['redis-failure'])
        .accepted()
        .wait(1)
        .close(1011, 'Failed to establish connection', 'server')
    ),
  'redis-failure@component-codes': () =>
    done(
      preflighted(['redis-failure'], 'component-codes')
        .accepted()
        .wait(1)
        .incoming(legacyError(1007, 'Redis', 'Connection to Redis lost', 'Redis session store timed out'))
        .close(1007, 'Redis: Connection to Redis lost', 'server')
    ),
  'agent-supervisor-failure': () =>
    done(conversing(['agent-supervisor-failure']).close(1011, 'main mode error', 'server')),
  'agent-supervisor-failure@component-codes': () =>
    done(
      conversing(['agent-supervisor-failure'], 'component-codes')
        .incoming(
          legacyError(1008, 'AgentSupervisor', 'Supervisor not initialized', 'agent_supervisor missing')
        )
        .close(1008, 'AgentSupervisor: Supervisor not initialized', 'server')
    ),
  'bridge-failure': () =>
    done(
      preflighted(['bridge-failure'])
        .accepted()
        .wait(1)
        .close(1011, 'Failed to establish connection', 'server')
    ),
  'bridge-failure@component-codes': () =>
    done(
      preflighted(['bridge-failure'], 'component-codes')
        .accepted()
        .wait(1)
        .incoming(legacyError(1009, 'WebSocketBridge', 'Bridge not configured', 'no emitter'))
        .close(1009, 'WebSocketBridge: Bridge not configured', 'server')
    ),
  // The client may already have sent its message when the accept-phase close arrives.
  'integration-failure': () =>
    done(preflighted([]).accepted().wait(1).ask().close(1011, 'Processing error', 'server')),
  'integration-failure@component-codes': () =>
    done(
      preflighted([], 'component-codes')
        .accepted()
        .wait(1)
        .incoming(
          legacyError(1010, 'Integration', 'Agent integration failed', 'Tool dispatcher could not bind')
        )
        .close(1010, 'Integration: Agent integration failed', 'server')
    )
}
