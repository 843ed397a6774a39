import type { FrameRecordDraft } from '../../../shared/api/frame-record'
import type { SecretRedactor } from '../../../shared/session-log/secret-redactor'
import { messageTimeMs } from './har-entry'
import { OversizedString } from './json-stream'

/** A close frame found among the messages (HARs that record them). */
export type HarCloseFrame = { dir: 'in' | 'out'; code: number; reason: string }

/** One HAR message read: a record to append (at `wallMs`), a close frame, or why it was not imported. */
export type HarMessageOutcome =
  | { draft: FrameRecordDraft; wallMs: number | null }
  | { close: HarCloseFrame; wallMs: number | null }
  | { problem: string; wallMs: number | null }

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

/**
 * A close frame's payload, as tools write it: `{"code":…,"reason":…}`, `"1000 reason"`, or the
 * raw payload in base64 (2-byte code, then the UTF-8 reason). An empty one is 1005 (no status).
 */
function closeOf(data: string): { code: number; reason: string } {
  if (data === '') return { code: 1005, reason: '' }
  try {
    const value: unknown = JSON.parse(data)
    if (typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'number') {
      const { code, reason } = value as { code: number; reason?: unknown }
      return { code: Math.trunc(code), reason: typeof reason === 'string' ? reason : '' }
    }
  } catch {
    // Not JSON: one of the other spellings.
  }
  const spelled = /^(\d{4})(?:\s+([\s\S]*))?$/.exec(data)
  if (spelled) return { code: Number(spelled[1]), reason: spelled[2] ?? '' }
  if (BASE64.test(data)) {
    const bytes = Buffer.from(data, 'base64')
    if (bytes.length >= 2) return { code: bytes.readUInt16BE(0), reason: bytes.subarray(2).toString('utf8') }
  }
  return { code: 1005, reason: data }
}

/**
 * Turn one `_webSocketMessages` item into a record draft: `send` is ours (`out`), `receive` the
 * server's (`in`); opcode 1 text, 2 binary (base64 in the HAR, kept so), 8 close, 9/10 ping/pong.
 * Every text is redacted with the entry's secrets before it goes anywhere.
 */
export function readHarMessage(message: unknown, redactor: SecretRedactor): HarMessageOutcome {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return { problem: 'not an object', wallMs: null }
  const fields = message as Record<string, unknown>
  const wallMs = messageTimeMs(fields.time)
  const type = typeof fields.type === 'string' ? fields.type.toLowerCase() : null
  const dir = type === 'send' || type === 'outgoing' ? 'out' : type === 'receive' || type === 'incoming' ? 'in' : null
  if (dir === null) return { problem: `its "type" is ${JSON.stringify(fields.type ?? null)}, not "send" or "receive"`, wallMs }
  if (wallMs === null) return { problem: `its "time" is ${JSON.stringify(fields.time ?? null)}, not epoch seconds`, wallMs }
  if (fields.data instanceof OversizedString) return { problem: `its data (${fields.data.length} characters) is longer than this reader keeps`, wallMs }
  const opcode = fields.opcode === undefined ? 1 : fields.opcode
  const raw = fields.data === undefined || fields.data === null ? '' : typeof fields.data === 'string' ? fields.data : JSON.stringify(fields.data)
  const data = redactor.redact(raw)
  if (opcode === 1) return { draft: { kind: 'message', dir, opcode: 1, encoding: 'utf8', data, size: Buffer.byteLength(raw) }, wallMs }
  if (opcode === 2) {
    // DevTools writes binary payloads in base64; anything else is kept as the bytes of its text.
    const base64 = BASE64.test(raw) ? data : Buffer.from(data).toString('base64')
    const size = BASE64.test(raw) ? Buffer.from(raw, 'base64').length : Buffer.byteLength(raw)
    return { draft: { kind: 'message', dir, opcode: 2, encoding: 'base64', data: base64, size }, wallMs }
  }
  if (opcode === 9 || opcode === 10)
    return { draft: { kind: opcode === 9 ? 'ping' : 'pong', dir, opcode, data, size: Buffer.byteLength(raw) }, wallMs }
  if (opcode === 8) {
    const close = closeOf(raw)
    return { close: { dir, code: close.code, reason: redactor.redact(close.reason) }, wallMs }
  }
  return { problem: `opcode ${JSON.stringify(opcode)} is not a WebSocket frame this app records (1, 2, 8, 9, 10)`, wallMs }
}
