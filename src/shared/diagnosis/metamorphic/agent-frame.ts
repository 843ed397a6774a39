import type { AgentEvent } from '../../protocol/agent-event'
import { normaliseEnvelope } from '../../protocol/normalise-envelope'
import type { JsonFrame } from './wire-frames'

/** What an agent event means on the wire, independent of the envelope it came in (PROTOCOL.md §3). */
export type AgentFrameFields = {
  type: string
  runId: string
  agentName: string
  userId: string | null
  threadId: string | null
  toolName: string | null
  /** Top-level `results` of a tool event, where the server sent them. */
  results: unknown
  /** The innermost `data` object. */
  data: Record<string, unknown>
  /** Epoch ms, or null when the frame carried none. */
  timestamp: number | null
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function resultsOf(frame: JsonFrame): unknown {
  if ('results' in frame) return frame.results
  const data = frame.data
  if (!isObject(data)) return isObject(frame.payload) ? frame.payload.results : undefined
  if (isObject(data.payload) && 'results' in data.payload) return data.payload.results
  return data.results
}

/**
 * Read a frame as an agent event (one carrying a `run_id` and an `agent_name`), through the
 * app's own normaliser so that "the same event" means what the diagnosis reads. Null for every
 * other frame: greetings, errors, heartbeats, housekeeping without an agent.
 */
export function readAgentFrame(frame: JsonFrame): (AgentFrameFields & { event: AgentEvent }) | null {
  const event = normaliseEnvelope(frame)
  if (event.runId === null || event.agentName === null) return null
  if (event.envelope !== 'flat' && event.envelope !== 'standard' && event.envelope !== 'wrapped') return null
  return {
    event,
    type: event.type,
    runId: event.runId,
    agentName: event.agentName,
    userId: event.userId,
    threadId: event.threadId,
    toolName: event.toolName,
    results: resultsOf(frame),
    data: event.data,
    timestamp: event.timestamp
  }
}

/** The identifying fields of an agent event, in the order servers write them (absent ones left out). */
function identity(fields: AgentFrameFields): JsonFrame {
  const out: JsonFrame = { run_id: fields.runId }
  if (fields.userId !== null) out.user_id = fields.userId
  if (fields.threadId !== null) out.thread_id = fields.threadId
  out.agent_name = fields.agentName
  if (fields.toolName !== null) out.tool_name = fields.toolName
  if (fields.results !== undefined) out.results = fields.results
  return out
}

const seconds = (ms: number): number => ms / 1000
const iso = (ms: number): string => new Date(ms).toISOString()

/** Flat agent event (newer servers): identity at top level, ISO timestamp. */
export function flatAgentFrame(fields: AgentFrameFields): JsonFrame {
  const out: JsonFrame = { type: fields.type, ...identity(fields) }
  if (fields.timestamp !== null) out.timestamp = iso(fields.timestamp)
  out.data = fields.data
  return out
}

/** Standard envelope: identity inside `data`, the event's own fields in the nested `data`, epoch seconds. */
export function standardAgentFrame(fields: AgentFrameFields): JsonFrame {
  const out: JsonFrame = { type: fields.type, data: { ...identity(fields), data: fields.data } }
  if (fields.timestamp !== null) out.timestamp = seconds(fields.timestamp)
  out.server_id = null
  out.correlation_id = null
  return out
}

const SYSTEM_MESSAGE_EVENTS = new Set(['agent_started', 'agent_completed', 'agent_error', 'agent_death'])

/**
 * beta-10 wrapper: `system_message` (start, end, failure) or `agent_progress` (everything else),
 * the real name in `data.event`, the fields in `data.payload`, and `event` duplicating `type`.
 */
export function wrappedAgentFrame(fields: AgentFrameFields): JsonFrame {
  const wrapper = SYSTEM_MESSAGE_EVENTS.has(fields.type) ? 'system_message' : 'agent_progress'
  const payload: JsonFrame = { ...identity(fields), data: fields.data }
  if (fields.timestamp !== null) payload.timestamp = seconds(fields.timestamp)
  const out: JsonFrame = { type: wrapper, event: wrapper, data: { event: fields.type, payload } }
  if (fields.timestamp !== null) out.timestamp = seconds(fields.timestamp)
  return out
}

/** The three envelopes an agent event may come in. */
export const AGENT_ENVELOPES = {
  flat: flatAgentFrame,
  standard: standardAgentFrame,
  wrapped: wrappedAgentFrame
} as const

/** Which envelope to write an agent event in. */
export type AgentEnvelope = keyof typeof AGENT_ENVELOPES
