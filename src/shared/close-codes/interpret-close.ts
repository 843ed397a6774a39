import type { AgentEvent } from '../protocol/agent-event'
import type { Component } from '../diagnosis/components'
import { describeCloseCode, type CloseCodeMeaning } from './close-code-catalog'
import {
  LEGACY_COMPONENT_CODES,
  UNSENDABLE_LEGACY_CODES,
  componentForLegacyName,
  splitComponentReason
} from './legacy-component-codes'
import { matchNetraReason } from './netra-close-reasons'

/** The close as a record or the `ws` close event reports it. */
export type CloseInput = {
  code: number
  reason: string
  clean: boolean
  initiator: 'client' | 'server' | 'none'
}

/** How the Netra reading was reached. */
export type NetraCloseVia = 'reason-table' | 'component-prefix' | 'error-event' | 'error-event-then-drop'

/** What a close means on the Netra platform, on top of its standard meaning. */
export type NetraCloseMeaning = {
  /** The component the close names, or null when it is a normal end or a generic failure with no component. */
  component: Component | null
  meaning: string
  /** Which evidence matched: a reason-table row id (`startup-timeout`), `prefix:<Name>` or `event:<Name|CODE>`. */
  reasonMatch: string | null
  via: NetraCloseVia
  /** The component name the server used (`"Redis"`), when it used one. */
  serverComponent: string | null
  /** The error event the reading relied on, if any. */
  errorEvent: AgentEvent | null
}

/** A close read at both layers: the standards, then the Netra backend's own conventions. */
export type CloseInterpretation = { standard: CloseCodeMeaning; netra: NetraCloseMeaning | null }

// Housekeeping frames the newest servers send between an error and the close frame.
const HOUSEKEEPING = new Set([
  'cleanup_started',
  'cleanup_complete',
  'backend_log',
  'heartbeat',
  'heartbeat_ack',
  'pong',
  'ack'
])

// Messages that carry meaning for a close: errors, the greeting and the run's own events.
const MEANINGFUL = new Set([
  'connection_established',
  'handshake_response',
  'error',
  'error_message',
  'authentication_error',
  'progress_update',
  'partial_result',
  'stream_chunk',
  'final_report',
  'agent_response'
])

function meaningful(event: AgentEvent): boolean {
  if (HOUSEKEEPING.has(event.type)) return false
  return (
    event.envelope === 'error' ||
    event.envelope === 'legacy-error' ||
    MEANINGFUL.has(event.type) ||
    event.type.startsWith('agent_') ||
    event.type.startsWith('tool_')
  )
}

/**
 * The last event before a close that could explain it: housekeeping frames and types the
 * protocol does not know (a newer server's extras) are skipped, so they never hide an error.
 */
export function decisiveEvent(precedingEvents: readonly AgentEvent[]): AgentEvent | null {
  for (let i = precedingEvents.length - 1; i >= 0; i--) {
    const event = precedingEvents[i]
    if (meaningful(event)) return event
  }
  return null
}

/** Is this an error event that can explain the close that follows it? */
export function isExplainingError(event: AgentEvent | null): event is AgentEvent {
  if (!event) return false
  return (
    event.envelope === 'legacy-error' || event.envelope === 'error' || event.type === 'authentication_error'
  )
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null
}

/** Component named by an error event: the legacy `error.component`, `details.component`, or a `"<Component>: …"` message. */
export function componentOfErrorEvent(event: AgentEvent): { name: string; component: Component } | null {
  const data = event.data
  const details =
    typeof data.details === 'object' && data.details !== null ? (data.details as Record<string, unknown>) : {}
  for (const name of [text(data.component), text(details.component)]) {
    const component = componentForLegacyName(name)
    if (name && component) return { name, component }
  }
  const message = text(data.error_message) ?? text(data.message)
  const split = message ? splitComponentReason(message) : null
  if (split) return { name: split.name, component: split.component }
  if (event.type === 'authentication_error' || data.error_code === 'AUTH_FAILED')
    return { name: 'Authentication', component: 'auth' }
  return null
}

/**
 * Interpret a close code: its standard meaning, and what the Netra backend meant by it.
 *
 * Legacy component codes (1002–1010) are decoded only when the reason's `Component:` prefix
 * or the preceding `{"type":"error","error":{component}}` event confirms them; a 1006 right
 * after such an event is that component's failure (the real stack cannot send 1004–1006).
 */
export function interpretClose(
  close: CloseInput,
  precedingEvents: readonly AgentEvent[]
): CloseInterpretation {
  const standard = describeCloseCode(close.code)
  const event = decisiveEvent(precedingEvents)
  const errorEvent = isExplainingError(event) ? event : null
  const fromEvent = errorEvent ? componentOfErrorEvent(errorEvent) : null
  const prefix = close.reason ? splitComponentReason(close.reason) : null

  // 1005 and 1006 are set locally and never arrive in a close frame: they are drops, handled below.
  const legacyRange = close.code >= 1002 && close.code <= 1010 && !standard.localOnly
  if (legacyRange && prefix) {
    return {
      standard,
      netra: {
        component: prefix.component,
        meaning: `${prefix.name} failed: ${prefix.message || 'no detail'} (legacy component close code ${close.code}${legacyNote(close.code, prefix.name)}).`,
        reasonMatch: `prefix:${prefix.name}`,
        via: 'component-prefix',
        serverComponent: prefix.name,
        errorEvent
      }
    }
  }
  if (legacyRange && errorEvent?.envelope === 'legacy-error' && fromEvent) {
    return {
      standard,
      netra: {
        component: fromEvent.component,
        meaning: `${fromEvent.name} failed (error event, then legacy component close code ${close.code}).`,
        reasonMatch: `event:${fromEvent.name}`,
        via: 'error-event',
        serverComponent: fromEvent.name,
        errorEvent
      }
    }
  }
  if (close.code === 1006 && errorEvent && fromEvent) {
    const sent = Number(errorEvent.data.code)
    const unsendable = UNSENDABLE_LEGACY_CODES.has(sent)
    return {
      standard,
      netra: {
        component: fromEvent.component,
        meaning:
          `${fromEvent.name} failed: the server sent its error event and the connection then dropped without a close frame` +
          (unsendable ? ` (its close code ${sent} cannot be sent by the real stack).` : '.'),
        reasonMatch: `event:${fromEvent.name}`,
        via: 'error-event-then-drop',
        serverComponent: fromEvent.name,
        errorEvent
      }
    }
  }
  const row = matchNetraReason(close.code, close.reason)
  if (row) {
    // A generic pipeline reason takes its component from the error event that preceded it.
    const component = row.component ?? fromEvent?.component ?? null
    return {
      standard,
      netra: {
        component,
        meaning: row.meaning,
        reasonMatch: row.id,
        via: row.component === null && fromEvent ? 'error-event' : 'reason-table',
        serverComponent: row.component === null ? (fromEvent?.name ?? null) : null,
        errorEvent
      }
    }
  }
  if (fromEvent && close.code !== 1000) {
    return {
      standard,
      netra: {
        component: fromEvent.component,
        meaning: `${fromEvent.name} reported an error just before the close.`,
        reasonMatch: `event:${fromEvent.name}`,
        via: 'error-event',
        serverComponent: fromEvent.name,
        errorEvent
      }
    }
  }
  return { standard, netra: null }
}

function legacyNote(code: number, name: string): string {
  const expected = LEGACY_COMPONENT_CODES[code]
  return expected && componentForLegacyName(expected) !== componentForLegacyName(name)
    ? `, normally ${expected}`
    : ''
}
