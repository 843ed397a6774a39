import type { SandboxGeneration } from './types'

/** One agent event before a generation gives it its wire shape. */
export interface AgentEvent {
  type: string
  runId: string
  userId: string
  threadId: string
  agentName: string
  toolName?: string
  results?: Record<string, unknown>
  data: Record<string, unknown>
}

/** Wall-clock seconds as a float, the timestamp form of the standard envelope. */
export function epochSeconds(): number {
  return Date.now() / 1000
}

/** Standard envelope; beta-10 carries the body in `payload` and duplicates `type` as `event`. */
export function standardEnvelope(
  generation: SandboxGeneration,
  type: string,
  data: Record<string, unknown>
): Record<string, unknown> {
  if (generation === 'beta-10') return { type, event: type, payload: data, timestamp: epochSeconds() }
  return { type, data, timestamp: epochSeconds(), server_id: null, correlation_id: null }
}

/** The `error_message` envelope of PROTOCOL.md §3. */
export function errorEnvelope(
  generation: SandboxGeneration,
  errorCode: string,
  message: string,
  details: Record<string, unknown> = {},
  recoverySuggestions: string[] = []
): Record<string, unknown> {
  const envelope: Record<string, unknown> = {
    type: 'error_message',
    error_code: errorCode,
    error_message: message,
    details,
    timestamp: epochSeconds(),
    recovery_suggestions: recoverySuggestions
  }
  if (generation === 'beta-10') envelope.event = 'error_message'
  return envelope
}

/** The component-codes generation's error event, sent just before its component close code. */
export function componentErrorEvent(
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
      timestamp: new Date().toISOString()
    }
  }
}

const STARTED_OR_ENDED = new Set(['agent_started', 'agent_completed', 'agent_error', 'agent_death'])

/** Give an agent event its generation's wire shape: flat for newer servers, wrapped for beta-10. */
export function formatAgentEvent(generation: SandboxGeneration, event: AgentEvent): Record<string, unknown> {
  const tool: Record<string, unknown> = {}
  if (event.toolName !== undefined) tool.tool_name = event.toolName
  if (event.results !== undefined) tool.results = event.results
  if (generation === 'beta-10') {
    const wrapper = STARTED_OR_ENDED.has(event.type) ? 'system_message' : 'agent_progress'
    const timestamp = epochSeconds()
    return {
      type: wrapper,
      event: wrapper,
      data: {
        event: event.type,
        payload: {
          run_id: event.runId,
          user_id: event.userId,
          thread_id: event.threadId,
          agent_name: event.agentName,
          ...tool,
          data: event.data,
          timestamp
        }
      },
      timestamp
    }
  }
  return {
    type: event.type,
    run_id: event.runId,
    user_id: event.userId,
    thread_id: event.threadId,
    agent_name: event.agentName,
    timestamp: new Date().toISOString(),
    ...tool,
    data: event.data
  }
}
