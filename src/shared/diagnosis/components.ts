/**
 * The backend components a diagnosis can name, in the order the health grid shows them:
 * the path to the server first (network → gateway), then identity and stores, then the
 * WebSocket pipeline and agents, then the catch-alls.
 */
export const COMPONENTS = [
  'network',
  'tls',
  'gateway',
  'auth',
  'database',
  'redis',
  'clickhouse',
  'websocket-manager',
  'message-handler',
  'agent-supervisor',
  'agent-bridge',
  'llm',
  'dependencies',
  'integration',
  'server',
  'client'
] as const

/** One backend component (or our own side, `client`). */
export type Component = (typeof COMPONENTS)[number]

/** Human names for the summary paragraph and the grid. */
export const COMPONENT_LABELS: Readonly<Record<Component, string>> = {
  network: 'Network',
  tls: 'TLS',
  gateway: 'Gateway / proxy',
  auth: 'Authentication',
  database: 'Database (Postgres)',
  redis: 'Redis',
  clickhouse: 'ClickHouse',
  'websocket-manager': 'WebSocket manager',
  'message-handler': 'Message handler',
  'agent-supervisor': 'Agent supervisor',
  'agent-bridge': 'Agent bridge (event delivery)',
  llm: 'LLM',
  dependencies: 'Dependencies',
  integration: 'Integration',
  server: 'Server',
  client: 'Client (this app / the request)'
}

/** Is `value` one of the component names? */
export function isComponent(value: unknown): value is Component {
  return typeof value === 'string' && (COMPONENTS as readonly string[]).includes(value)
}
