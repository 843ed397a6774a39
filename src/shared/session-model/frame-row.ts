import type { FrameRecord } from '../api/frame-record'
import type { AgentEvent } from '../protocol/agent-event'
import { parseFrame, type FrameFlag } from '../protocol/parse-frame'
import type { FrameRow } from './session-model'

/** A record read once: its list row and, for a readable data frame, its agent event. */
export type ReadRecord = { row: FrameRow; event: AgentEvent | null }

function describe(record: Exclude<FrameRecord, { kind: 'message' }>): string {
  switch (record.kind) {
    case 'session-start':
      return `session start · ${record.environment.name}`
    case 'handshake':
      return record.ok ? `handshake ${record.status ?? ''}`.trim() : `handshake refused ${record.status ?? record.error ?? ''}`.trim()
    case 'close':
      return `close ${record.code}${record.reason ? ` · ${record.reason}` : ''}`
    case 'error':
      return `error · ${record.message}`
    case 'note':
      return record.text
    case 'preflight':
      return `preflight ${record.name} · ${record.ok ? 'ok' : 'failed'}${record.status ? ` ${record.status}` : ''}`
    case 'token':
      return `token · sub ${record.claims.sub ?? '?'} · env ${record.claims.env ?? '?'}`
    case 'attempt':
      return `attempt ${record.attempt} of ${record.of}`
    case 'ping':
    case 'pong':
      return record.kind
  }
}

/** Read a record into its list row (parsing a data frame's JSON exactly once). */
export function readRecord(record: FrameRecord): ReadRecord {
  if (record.kind !== 'message') {
    const size = record.kind === 'ping' || record.kind === 'pong' ? record.size : 0
    return {
      row: { seq: record.seq, t: record.t, dir: record.dir, kind: record.kind, label: describe(record), size, runId: null, agentName: null, flag: null },
      event: null
    }
  }
  const parsed = parseFrame(record.encoding, record.data)
  const flag: FrameFlag | null = parsed.flag
  const event = parsed.event
  const label = event ? event.type : flag === 'binary' ? '(binary)' : '(malformed JSON)'
  return {
    row: {
      seq: record.seq,
      t: record.t,
      dir: record.dir,
      kind: 'message',
      label,
      size: record.size,
      runId: event?.runId ?? null,
      agentName: event?.agentName ?? null,
      flag
    },
    event
  }
}
