import type { Component } from './components'

// Service names as the health endpoints and refusal bodies spell them (PROTOCOL.md §1).
const SERVICE_COMPONENTS: Readonly<Record<string, Component>> = {
  authentication: 'auth',
  auth: 'auth',
  auth_service: 'auth',
  database_postgres: 'database',
  postgres: 'database',
  postgresql: 'database',
  core_db: 'database',
  database: 'database',
  database_redis: 'redis',
  redis: 'redis',
  redis_db: 'redis',
  clickhouse: 'clickhouse',
  clickhouse_db: 'clickhouse',
  database_clickhouse: 'clickhouse',
  agent_supervisor: 'agent-supervisor',
  agent_bridge: 'agent-bridge',
  websocket_bridge: 'agent-bridge',
  // Thread storage is an app.state service the route depends on; tool classes bind the
  // tool dispatcher to the execution engine — the "Integration" of the component codes.
  thread_service: 'dependencies',
  tool_classes: 'integration',
  websocket: 'websocket-manager',
  websocket_manager: 'websocket-manager',
  llm: 'llm',
  llm_manager: 'llm'
}

/** Map a service name from a health body or a refusal (`database_postgres`) to its component, or null. */
export function componentForService(name: string): Component | null {
  return SERVICE_COMPONENTS[name.trim().toLowerCase()] ?? null
}

/** Every known service name mentioned in a free-text reason, with its component, in order of mention. */
export function servicesInText(text: string): Array<{ service: string; component: Component }> {
  const found: Array<{ service: string; component: Component; at: number }> = []
  for (const [service, component] of Object.entries(SERVICE_COMPONENTS)) {
    const at = text.toLowerCase().search(new RegExp(`\\b${service}\\b`))
    if (at >= 0) found.push({ service, component, at })
  }
  // Longer names win over their parts ("database_postgres" over "database").
  const kept = found.filter(
    (entry) =>
      !found.some(
        (other) =>
          other !== entry &&
          other.service.includes(entry.service) &&
          other.at <= entry.at &&
          other.at + other.service.length >= entry.at + entry.service.length
      )
  )
  return kept.sort((a, b) => a.at - b.at).map(({ service, component }) => ({ service, component }))
}
