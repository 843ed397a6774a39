import type { AgentEvent, EnvelopeShape } from './agent-event'

type Obj = Record<string, unknown>

const WRAPPER_TYPES = new Set(['system_message', 'agent_progress'])

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function firstString(...values: unknown[]): string | null {
  for (const value of values) {
    if (typeof value === 'string' && value.length > 0) return value
    if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  }
  return null
}

// Hot path (every frame of a flood): plain loops, no intermediate arrays, and no closure made per frame.
function pick(layers: readonly Obj[], body: Obj, key: string): string | null {
  for (const layer of layers) {
    const value = layer[key]
    if ((typeof value === 'string' && value.length > 0) || (typeof value === 'number' && Number.isFinite(value))) return String(value)
  }
  return firstString(body[key])
}

/** Epoch seconds (float), epoch milliseconds, numeric strings and ISO strings → epoch ms. */
export function toEpochMs(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) {
    // Anything below 1e11 cannot be epoch ms of a date after 1973: it is seconds.
    return value < 1e11 ? value * 1000 : value
  }
  if (typeof value === 'string' && value.trim() !== '') {
    const asNumber = Number(value)
    if (Number.isFinite(asNumber)) return toEpochMs(asNumber)
    const parsed = Date.parse(value)
    return Number.isNaN(parsed) ? null : parsed
  }
  return null
}

/**
 * Turn any server envelope of PROTOCOL.md §3 into one AgentEvent.
 *
 * Liberal by design: the backend mixes standard, error and flat envelopes, wraps real
 * event names in `system_message`/`agent_progress`, nests `payload` and `data`, and
 * sends timestamps as epoch seconds or ISO strings. Nothing is dropped: an unknown
 * shape keeps its type (or `(untyped)`) and its raw value.
 */
export function normaliseEnvelope(raw: unknown): AgentEvent {
  if (!isObject(raw)) {
    return {
      type: Array.isArray(raw) ? '(array)' : `(${raw === null ? 'null' : typeof raw})`,
      runId: null,
      threadId: null,
      userId: null,
      agentName: null,
      toolName: null,
      status: null,
      data: {},
      timestamp: null,
      envelope: 'unknown',
      raw
    }
  }

  let type = firstString(raw.type, raw.event) ?? '(untyped)'
  let body: Obj = isObject(raw.data) ? raw.data : {}
  let envelope: EnvelopeShape = isObject(raw.data) ? 'standard' : 'unknown'
  const layers: Obj[] = [raw]

  if (WRAPPER_TYPES.has(type) && typeof body.event === 'string') {
    type = body.event
    envelope = 'wrapped'
    layers.push(body)
    if (isObject(body.payload)) body = body.payload
  } else if (isObject(raw.payload)) {
    body = raw.payload
  }
  layers.push(body)
  if (isObject(body.data)) {
    body = body.data
    layers.push(body)
  }

  if (type === 'error_message' || 'error_code' in raw) {
    envelope = 'error'
    body = {
      error_code: raw.error_code ?? body.error_code ?? null,
      error_message: raw.error_message ?? body.error_message ?? null,
      details: raw.details ?? body.details ?? null,
      recovery_suggestions: raw.recovery_suggestions ?? body.recovery_suggestions ?? null
    }
  } else if (type === 'error' && isObject(raw.error)) {
    envelope = 'legacy-error'
    body = raw.error
  } else if (envelope === 'unknown' && (typeof raw.run_id === 'string' || typeof raw.agent_name === 'string')) {
    envelope = 'flat'
  } else if (envelope === 'standard' && typeof raw.run_id === 'string') {
    envelope = 'flat'
  }

  let status = firstString(body.status)
  let timestampSource: unknown = raw.timestamp
  for (let i = 1; i < layers.length; i++) {
    status ??= firstString(layers[i].status)
    if (timestampSource == null && 'timestamp' in layers[i]) timestampSource = layers[i].timestamp
  }

  return {
    type,
    runId: pick(layers, body, 'run_id'),
    threadId: pick(layers, body, 'thread_id'),
    userId: pick(layers, body, 'user_id'),
    agentName: pick(layers, body, 'agent_name'),
    toolName: pick(layers, body, 'tool_name'),
    status,
    data: body,
    timestamp: toEpochMs(timestampSource),
    envelope,
    raw
  }
}
