/** The five events every healthy agent run shows, in causal order (PROTOCOL.md §3). */
export const CRITICAL_EVENTS = [
  'agent_started',
  'agent_thinking',
  'tool_executing',
  'tool_completed',
  'agent_completed'
] as const

/** One of the five critical events. */
export type CriticalEventType = (typeof CRITICAL_EVENTS)[number]

/** Which of the server's envelope shapes a frame used. */
export type EnvelopeShape = 'standard' | 'error' | 'flat' | 'wrapped' | 'legacy-error' | 'unknown'

/**
 * One server message, whatever envelope it came in.
 *
 * Every field the protocol scatters across generations (top level, `data`, `payload`,
 * wrapper `data.event`) is looked up once here so the rest of the app never has to.
 */
export type AgentEvent = {
  type: string
  runId: string | null
  threadId: string | null
  userId: string | null
  agentName: string | null
  toolName: string | null
  status: string | null
  /** The innermost data object (after unwrapping wrappers, `payload` and nested `data`). */
  data: Record<string, unknown>
  /** Epoch milliseconds, from epoch seconds, epoch ms or an ISO string; null when absent or unreadable. */
  timestamp: number | null
  envelope: EnvelopeShape
  /** The parsed message exactly as received. */
  raw: unknown
}

/** Is `type` one of the five critical events? */
export function isCriticalEvent(type: string): type is CriticalEventType {
  return (CRITICAL_EVENTS as readonly string[]).includes(type)
}
