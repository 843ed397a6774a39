import type { FrameRecord } from '../api/frame-record'
import type { AgentEvent } from '../protocol/agent-event'
import { parseFrame, type FrameFlag, type ParsedFrame } from '../protocol/parse-frame'
import type { FrameRow } from './session-model'

/** A record read once: its list row and, for a readable data frame, its agent event (read-only: records with the same short text share it). */
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

/** Texts up to this long are read once and remembered (see `parseShort`). */
const SHORT_TEXT = 64
/** Distinct short texts remembered at most; the memory starts over when full. */
const SHORT_TEXTS = 256
const shortFrames = new Map<string, ParsedFrame>()

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return
  Object.freeze(value)
  for (const inner of Object.values(value)) deepFreeze(inner)
}

/**
 * A short text frame parsed once per distinct text: a flood repeats a few short texts (the
 * stand-in an export's summary keeps for every bulk output frame, pings), and parsing and
 * normalising each copy again was most of what folding such a record cost. The event is frozen
 * to the bottom, since every record with the same text gets the same one (the reducer only
 * reads it).
 */
function parseShort(data: string): ParsedFrame {
  let parsed = shortFrames.get(data)
  if (parsed === undefined) {
    parsed = parseFrame('utf8', data)
    deepFreeze(parsed)
    if (shortFrames.size >= SHORT_TEXTS) shortFrames.clear()
    shortFrames.set(data, parsed)
  }
  return parsed
}

/** Read a record into its list row (parsing a data frame's JSON at most once; a short text once for all). */
export function readRecord(record: FrameRecord): ReadRecord {
  if (record.kind !== 'message') {
    const size = record.kind === 'ping' || record.kind === 'pong' ? record.size : 0
    return {
      row: { seq: record.seq, t: record.t, dir: record.dir, kind: record.kind, label: describe(record), size, runId: null, agentName: null, flag: null },
      event: null
    }
  }
  const parsed = record.encoding === 'utf8' && record.data.length <= SHORT_TEXT ? parseShort(record.data) : parseFrame(record.encoding, record.data)
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
