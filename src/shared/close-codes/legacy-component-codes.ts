import type { Component } from '../diagnosis/components'

/**
 * The legacy component close codes of one September 2025 generation (PROTOCOL.md §5).
 *
 * These collide with RFC 6455 meanings, so they are only ever *confirmed* by a
 * `"<Component>: …"` reason or the preceding `{"type":"error","error":{component}}`
 * event — never read from the number alone.
 */
export const LEGACY_COMPONENT_CODES: Readonly<Record<number, string>> = {
  1002: 'Authentication',
  1003: 'Factory',
  1004: 'MessageHandler',
  1005: 'Database',
  1006: 'Dependencies',
  1007: 'Redis',
  1008: 'AgentSupervisor',
  1009: 'WebSocketBridge',
  1010: 'Integration',
  1011: 'generic internal'
}

/** Codes the Python `websockets` library refuses to send: the close fails and the client sees 1006. */
export const UNSENDABLE_LEGACY_CODES: ReadonlySet<number> = new Set([1004, 1005, 1006])

// Keys are lower-cased with separators removed, so "Message Handler", "message_handler"
// and "MessageHandler" all land on the same entry.
const LEGACY_NAMES: Readonly<Record<string, Component>> = {
  authentication: 'auth',
  auth: 'auth',
  factory: 'websocket-manager',
  websocketfactory: 'websocket-manager',
  websocketmanager: 'websocket-manager',
  manager: 'websocket-manager',
  messagehandler: 'message-handler',
  handler: 'message-handler',
  messagerouter: 'message-handler',
  database: 'database',
  postgres: 'database',
  databasepostgres: 'database',
  dependencies: 'dependencies',
  redis: 'redis',
  databaseredis: 'redis',
  clickhouse: 'clickhouse',
  agentsupervisor: 'agent-supervisor',
  supervisor: 'agent-supervisor',
  websocketbridge: 'agent-bridge',
  agentwebsocketbridge: 'agent-bridge',
  agentbridge: 'agent-bridge',
  bridge: 'agent-bridge',
  integration: 'integration',
  llm: 'llm'
}

/** Map a server-side component name (`"Redis"`, `"WebSocketBridge"`, …) to a diagnosis component, or null. */
export function componentForLegacyName(name: string | null | undefined): Component | null {
  if (!name) return null
  const key = name.toLowerCase().replace(/[^a-z]/g, '')
  return LEGACY_NAMES[key] ?? null
}

/** Split a `"<Component>: <message>"` close reason whose prefix names a known component. */
export function splitComponentReason(
  reason: string
): { name: string; component: Component; message: string } | null {
  const match = /^\s*([A-Za-z][A-Za-z _-]{1,40}?)\s*:\s*(.*)$/s.exec(reason)
  if (!match) return null
  const component = componentForLegacyName(match[1])
  return component ? { name: match[1], component, message: match[2] } : null
}
