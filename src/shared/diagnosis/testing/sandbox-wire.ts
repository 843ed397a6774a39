import { PREFLIGHT_NAMES } from '../preflight-vocabulary'
import type { SessionBuilder } from './session-builder'

/** The sandbox generations whose health shapes differ. */
export type WireGeneration = 'beta-10' | 'component-codes' | 'beta-17'

type Status = 'healthy' | 'degraded' | 'failed' | 'unknown'

function service(status: Status, error: string | null = null): Record<string, unknown> {
  return {
    available: status === 'healthy' || status === 'degraded',
    status,
    last_check: '2025-09-14T10:00:00Z',
    error,
    response_time_ms: status === 'failed' ? null : 3.2,
    circuit_breaker_open: status === 'failed'
  }
}

function denialReason(faults: ReadonlySet<string>): string | null {
  if (faults.has('cold-start')) return 'Startup in progress'
  if (faults.has('readiness-refusal')) return 'Service not ready: database_postgres'
  if (faults.has('database-down')) return 'Critical service failed: database_postgres'
  return null
}

/** `/ws/health` as the sandbox documents it for a set of faults (src/main/sandbox/README.md). */
export function wsHealthBody(faults: ReadonlySet<string>): Record<string, unknown> {
  const postgres = faults.has('database-down')
    ? service('failed', 'connection refused: 127.0.0.1:5432')
    : faults.has('readiness-refusal') || faults.has('cold-start')
      ? service('unknown', 'not initialised yet')
      : service('healthy')
  const redis = faults.has('redis-failure')
    ? service('failed', 'Redis connection lost')
    : faults.has('redis-degraded')
      ? service('degraded', 'Redis latency above 400 ms')
      : service('healthy')
  const critical = { authentication: service('healthy'), database_postgres: postgres }
  const optional = {
    agent_bridge: faults.has('bridge-failure')
      ? service('failed', 'bridge not configured')
      : service('healthy'),
    thread_service: service('healthy'),
    database_redis: redis,
    agent_supervisor: faults.has('agent-supervisor-failure')
      ? service('failed', 'supervisor missing')
      : service('healthy'),
    tool_classes: service('healthy')
  }
  const all = [...Object.values(critical), ...Object.values(optional)] as Array<{ status: string }>
  const criticalBad = Object.values(critical).some(
    (entry) => (entry as { status: string }).status !== 'healthy'
  )
  const overall = criticalBad
    ? 'unhealthy'
    : all.some((entry) => entry.status !== 'healthy')
      ? 'degraded'
      : 'healthy'
  const reason = denialReason(faults)
  return {
    status: overall,
    mode: 'main',
    components: { manager: true, message_router: true, connection_monitor: true },
    service_availability: {
      allow_websocket_connections: reason === null,
      denial_reason: reason,
      overall_service_status: overall,
      critical_services: critical,
      optional_services: optional
    }
  }
}

/** Record the four HTTP health checks as the sandbox would answer them. */
export function sandboxHealth(
  builder: SessionBuilder,
  faults: ReadonlySet<string>,
  generation: WireGeneration = 'beta-17'
): SessionBuilder {
  const terse = generation === 'beta-17'
  // GET /health
  if (faults.has('cold-start'))
    builder.http(PREFLIGHT_NAMES.health, 503, {
      status: 'unhealthy',
      message: 'Startup in progress',
      startup_in_progress: true,
      details: { phase: 'database_init' }
    })
  else if (terse) builder.http(PREFLIGHT_NAMES.health, 200, { status: 'ok' })
  else {
    const body: Record<string, unknown> = {
      status: faults.has('database-down') ? 'unhealthy' : 'healthy',
      service: 'netra-ai-platform',
      version: '1.0.0-beta.14'
    }
    if (generation === 'component-codes')
      body.checks = {
        postgres: !faults.has('database-down'),
        clickhouse: true,
        redis: !faults.has('redis-degraded') && !faults.has('redis-failure'),
        websocket: true,
        llm: true
      }
    builder.http(PREFLIGHT_NAMES.health, faults.has('database-down') ? 503 : 200, body)
  }
  // GET /health/ready
  const notReady = faults.has('cold-start') || faults.has('database-down') || faults.has('readiness-refusal')
  if (terse)
    builder.http(
      PREFLIGHT_NAMES.ready,
      notReady ? 503 : 200,
      notReady ? { status: 'not_ready', reason: denialReason(faults) } : { status: 'ready' }
    )
  else
    builder.http(PREFLIGHT_NAMES.ready, notReady ? 503 : 200, {
      status: notReady ? 'not_ready' : 'ready',
      core_db: faults.has('database-down') ? 'failed' : 'connected',
      clickhouse_db: 'skipped_optional',
      redis_db: faults.has('redis-failure')
        ? 'failed'
        : faults.has('redis-degraded')
          ? 'optional_unavailable'
          : 'connected',
      websocket_readiness: notReady ? 'not_ready' : 'ready',
      environment: 'development',
      details: { startup_complete: !faults.has('cold-start'), reason: denialReason(faults) }
    })
  builder.http(PREFLIGHT_NAMES.wsHealth, 200, wsHealthBody(faults))
  return builder.http(PREFLIGHT_NAMES.authHealth, 200, {
    status: 'healthy',
    service: 'auth-service',
    version: '1.0.0',
    database_status: 'connected',
    environment: 'development'
  })
}

/** The default agent order (triage "insufficient"): triage → data_helper → reporting. */
export const DEFAULT_AGENTS = ['triage', 'data_helper', 'reporting']
