import type { FrameRecord } from '../api/frame-record'

/**
 * The connection state after one record: a session (or a retry attempt) starts connecting,
 * a handshake opens or refuses, a close ends it; other records leave the state as it was.
 * The reducer and the backend's session list both derive their state with this one rule.
 */
export function sessionStateAfter<S extends string>(state: S, record: FrameRecord): S | 'connecting' | 'open' | 'closed' {
  switch (record.kind) {
    case 'session-start':
    case 'attempt':
      return 'connecting'
    case 'handshake':
      return record.ok ? 'open' : 'closed'
    case 'close':
      return 'closed'
    default:
      return state
  }
}
