import { FaultSet } from './faults/fault-set'
import { usesTerseHealth } from './generations'
import type { ResolvedSandboxOptions } from './types'

/** An HTTP answer: status and JSON body. */
export interface JsonReply {
  status: number
  body: unknown
}

const VERSIONS: Readonly<Record<string, string>> = {
  'beta-10': '1.0.0-beta.10',
  'component-codes': '1.0.0-beta.14',
  'beta-17': '1.0.0-beta.17',
  handshake: '1.1.0'
}

/** The backend version the sandbox claims for its generation. */
export function versionOf(options: ResolvedSandboxOptions): string {
  return VERSIONS[options.generation] ?? '1.0.0'
}

type ServiceStatus = 'healthy' | 'degraded' | 'failed' | 'unknown'

function service(status: ServiceStatus, error: string | null = null): Record<string, unknown> {
  return {
    available: status === 'healthy' || status === 'degraded',
    status,
    last_check: new Date().toISOString(),
    error,
    response_time_ms: status === 'failed' ? null : status === 'degraded' ? 412.7 : 3.2,
    circuit_breaker_open: status === 'failed'
  }
}

/** Why the server would refuse or fail a WebSocket right now, or null. */
export function denialReason(faults: FaultSet): string | null {
  if (faults.has('cold-start')) return 'Startup in progress'
  if (faults.has('readiness-refusal')) return 'Service not ready: database_postgres'
  if (faults.has('database-down')) return 'Critical service failed: database_postgres'
  return null
}

/** `GET /ws/health`: the per-component view the app's health panel is built from. */
export function wsHealth(options: ResolvedSandboxOptions, mode = 'main'): JsonReply {
  const faults = new FaultSet(options.faults)
  const postgres: Record<string, unknown> = faults.has('database-down')
    ? service('failed', 'connection refused: 127.0.0.1:5432')
    : faults.has('readiness-refusal') || faults.has('cold-start')
      ? service('unknown', 'not initialised yet')
      : service('healthy')
  const redis = faults.has('redis-failure')
    ? service('failed', 'Redis connection lost')
    : faults.has('redis-degraded')
      ? service('degraded', 'Redis latency above 400 ms; session cache in fallback mode')
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
  const all = [...Object.values(critical), ...Object.values(optional)] as Array<{ status: ServiceStatus }>
  const criticalBad = Object.values(critical).some(
    (entry) => (entry as { status: string }).status !== 'healthy'
  )
  const degraded = all.filter((entry) => entry.status === 'degraded' || entry.status === 'failed').length
  const overall = criticalBad ? 'unhealthy' : degraded > 0 ? 'degraded' : 'healthy'
  const reason = denialReason(faults)
  return {
    status: 200,
    body: {
      status: overall,
      timestamp: new Date().toISOString(),
      mode,
      components: { manager: true, message_router: true, connection_monitor: true },
      service_availability: {
        allow_websocket_connections: reason === null,
        denial_reason: reason,
        overall_service_status: overall,
        critical_services: critical,
        optional_services: optional,
        summary: {
          total_services: all.length,
          healthy: all.filter((entry) => entry.status === 'healthy').length,
          degraded: all.filter((entry) => entry.status === 'degraded').length,
          failed: all.filter((entry) => entry.status === 'failed').length,
          unknown: all.filter((entry) => entry.status === 'unknown').length
        },
        last_check: new Date().toISOString()
      }
    }
  }
}

/** `GET /health`: terse for newer generations, detailed for older ones, 503 during cold start. */
export function health(options: ResolvedSandboxOptions): JsonReply {
  const faults = new FaultSet(options.faults)
  if (faults.has('cold-start')) {
    return {
      status: 503,
      body: {
        status: 'unhealthy',
        message: 'Startup in progress',
        startup_in_progress: true,
        details: { phase: 'database_init' }
      }
    }
  }
  if (usesTerseHealth(options.generation)) return { status: 200, body: { status: 'ok' } }
  const body: Record<string, unknown> = {
    status: faults.has('database-down') ? 'unhealthy' : 'healthy',
    service: 'netra-ai-platform',
    version: versionOf(options),
    timestamp: new Date().toISOString()
  }
  if (options.generation === 'component-codes') {
    body.checks = {
      postgres: !faults.has('database-down'),
      clickhouse: true,
      redis: !faults.has('redis-degraded') && !faults.has('redis-failure'),
      websocket: true,
      llm: true
    }
  }
  return { status: faults.has('database-down') ? 503 : 200, body }
}

/** `GET /health/ready`: per-store status strings in older generations. */
export function ready(options: ResolvedSandboxOptions): JsonReply {
  const faults = new FaultSet(options.faults)
  const notReady = faults.has('cold-start') || faults.has('database-down') || faults.has('readiness-refusal')
  if (usesTerseHealth(options.generation)) {
    return notReady
      ? { status: 503, body: { status: 'not_ready', reason: denialReason(faults) } }
      : { status: 200, body: { status: 'ready' } }
  }
  return {
    status: notReady ? 503 : 200,
    body: {
      status: notReady ? 'not_ready' : 'ready',
      core_db: faults.has('database-down') ? 'failed' : 'connected',
      clickhouse_db: 'skipped_optional',
      redis_db: faults.has('redis-failure')
        ? 'failed'
        : faults.has('redis-degraded')
          ? 'optional_unavailable'
          : 'connected',
      websocket_readiness: notReady ? 'not_ready' : 'ready',
      environment: options.environment,
      timestamp: new Date().toISOString(),
      details: { startup_complete: !faults.has('cold-start'), reason: denialReason(faults) }
    }
  }
}
