import type { CloseRecord, FrameRecord, HandshakeRecord, MessageRecord, SessionStartRecord } from '../../../shared/api/frame-record'

/** A session-start record (seq 0 unless told). */
export function startRecord(seq = 0): SessionStartRecord {
  return {
    seq,
    t: 0,
    dir: 'local',
    kind: 'session-start',
    wallClock: Date.UTC(2025, 8, 1, 12, 0, 0),
    environment: { id: 'sandbox', name: 'Sandbox', kind: 'sandbox' },
    url: 'ws://127.0.0.1:9/ws',
    authMethod: 'subprotocol'
  }
}

/** A successful upgrade. */
export function handshakeRecord(seq: number, t = 10): HandshakeRecord {
  return {
    seq,
    t,
    dir: 'local',
    kind: 'handshake',
    ok: true,
    url: 'ws://127.0.0.1:9/ws',
    status: 101,
    statusText: 'Switching Protocols',
    subprotocolsOffered: ['jwt-auth', 'jwt.«redacted»'],
    subprotocol: 'jwt-auth',
    requestHeaders: { 'sec-websocket-protocol': 'jwt-auth, jwt.«redacted»' },
    responseHeaders: { upgrade: 'websocket' },
    body: null,
    ms: 12.5,
    error: null
  }
}

/** A text frame carrying `message` (an object is JSON-encoded, a string is sent verbatim). */
export function messageRecord(seq: number, message: object | string, dir: 'in' | 'out' = 'in', t = seq): MessageRecord {
  const data = typeof message === 'string' ? message : JSON.stringify(message)
  return { seq, t, dir, kind: 'message', opcode: 1, encoding: 'utf8', data, size: data.length }
}

/** A close record. */
export function closeRecord(seq: number, code: number, options: Partial<CloseRecord> = {}): CloseRecord {
  return { seq, t: seq + 100, dir: 'local', kind: 'close', code, reason: '', initiator: 'none', clean: false, ...options }
}

/** One flat agent event of a run. */
export function agentEvent(seq: number, type: string, agentName: string, runId = 'run_0123456789abcdef'): MessageRecord {
  return messageRecord(seq, { type, run_id: runId, agent_name: agentName, timestamp: '2025-09-01T12:00:00Z', data: {} })
}

/** A plausible session prefix: start, handshake, connection_established. */
export function openedSession(): FrameRecord[] {
  return [
    startRecord(0),
    handshakeRecord(1),
    messageRecord(2, { type: 'connection_established', data: { mode: 'main', user_id: 'u1', connection_id: 'conn_1' } })
  ]
}
