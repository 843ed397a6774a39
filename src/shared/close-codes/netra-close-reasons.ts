import type { Component } from '../diagnosis/components'

/** One row of the Netra close-reason table (PROTOCOL.md §5). */
export type NetraCloseReason = {
  code: number
  /** Stable id of the row, e.g. `startup-timeout`. */
  id: string
  pattern: RegExp
  /**
   * The component the reason names, or null when the reason is a generic pipeline failure
   * whose component must come from other evidence (the error event, the health endpoints).
   */
  component: Component | null
  meaning: string
}

/** Every reason text the Netra backend is known to close with after accept. */
export const NETRA_CLOSE_REASONS: readonly NetraCloseReason[] = [
  {
    code: 1000,
    id: 'mode-cleanup',
    pattern: /^(\w+) cleanup$/i,
    component: null,
    meaning: 'Normal end of the connection.'
  },
  {
    code: 1000,
    id: 'normal',
    pattern: /^(|normal closure|normal|probe complete|probe timeout|bye)$/i,
    component: null,
    meaning: 'Normal end of the connection.'
  },
  {
    code: 1001,
    id: 'startup-timeout',
    pattern: /^startup timeout/i,
    component: 'server',
    meaning: 'The connection was queued while the server was still starting, and the queue timed out.'
  },
  {
    code: 1008,
    id: 'auth-failed',
    pattern: /^(authentication failed|ssot auth failed|auth(entication)? error)/i,
    component: 'auth',
    meaning: 'The server rejected the credential after accepting the connection.'
  },
  {
    code: 1008,
    id: 'too-many-connections',
    pattern: /^too many concurrent connections(?:\s*\((\d+)\/(\d+)\))?/i,
    component: 'websocket-manager',
    meaning: 'The per-user connection limit was reached (5 in staging and production, 10 elsewhere).'
  },
  {
    code: 1008,
    id: 'rate-limit',
    pattern: /^rate limit exceeded(?:\s*-\s*retry after (\d+)\s*s)?/i,
    component: 'client',
    meaning: 'The client hit the rate limit; it must wait before reconnecting.'
  },
  {
    code: 1008,
    id: 'auth-token-problem',
    pattern: /token|ticket|jwt|unauthori[sz]ed|forbidden/i,
    component: 'auth',
    meaning: 'The server rejected the credential after accepting the connection.'
  },
  {
    code: 1011,
    id: 'service-init-failed',
    pattern: /^service initiali[sz]ation failed/i,
    component: null,
    meaning: 'A backend service the connection needs failed to initialise.'
  },
  {
    code: 1011,
    id: 'factory-init-failed',
    pattern: /^factory initiali[sz]ation failed/i,
    component: 'websocket-manager',
    meaning: 'The WebSocket manager factory failed to set up the per-user isolated connection.'
  },
  {
    code: 1011,
    id: 'failed-to-establish',
    pattern: /^failed to establish connection/i,
    component: null,
    meaning: 'The server failed while establishing the connection; the reason names no component.'
  },
  {
    code: 1011,
    id: 'mode-error',
    pattern: /^(\w+) mode error$/i,
    component: null,
    meaning: 'The mode-specific connection handler raised; the reason names no component.'
  },
  {
    code: 1011,
    id: 'services-not-ready',
    pattern: /^services not ready/i,
    component: 'dependencies',
    meaning: 'Services the WebSocket route depends on were missing from the application state.'
  },
  {
    code: 1011,
    id: 'processing-error',
    pattern: /^processing error/i,
    component: null,
    meaning: 'The server failed while processing; the reason names no component.'
  },
  {
    code: 1012,
    id: 'service-restart',
    pattern: /restart/i,
    component: 'server',
    meaning: 'The server is restarting; reconnecting shortly should work.'
  },
  {
    code: 1013,
    id: 'try-again-later',
    pattern: /^service temporarily unavailable(?:\s*-\s*retry in (\d+) seconds)?/i,
    component: 'server',
    meaning: 'The server is temporarily unable to take the connection; retry later.'
  },
  {
    code: 1002,
    id: 'invalid-websocket-state',
    pattern: /^invalid_websocket_state/i,
    component: 'websocket-manager',
    meaning: 'The server found the WebSocket in an invalid state (a protocol/state error in the manager).'
  },
  {
    code: 1009,
    id: 'message-too-big',
    pattern: /too big|too large|size/i,
    component: 'client',
    meaning: 'A message the client sent was larger than the server accepts.'
  }
]

/** The row of the Netra reason table matching a close, or null. */
export function matchNetraReason(code: number, reason: string): NetraCloseReason | null {
  const text = reason.trim()
  return NETRA_CLOSE_REASONS.find((row) => row.code === code && row.pattern.test(text)) ?? null
}
