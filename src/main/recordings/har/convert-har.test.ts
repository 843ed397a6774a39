import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { CloseRecord, ControlRecord, FrameRecord, HandshakeRecord, MessageRecord, SessionStartRecord } from '../../../shared/api/frame-record'
import { applyRecords, createSessionModel } from '../../../shared/session-model'
import { SecretRedactor } from '../../../shared/session-log/secret-redactor'
import { readSessionLog } from '../read-session-log'
import { convertHarToRecording } from './convert-har'
import { listHarWebSockets } from './har-index'
import { chromeHar, type HarMessageFixture } from './testing/har-fixtures'

const dir = mkdtempSync(join(tmpdir(), 'netra-har-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let fileNumber = 0
const harFile = (text: string): string => {
  const path = join(dir, `in-${fileNumber++}.har`)
  writeFileSync(path, text)
  return path
}
const outFile = (): string => join(dir, `out-${fileNumber++}.ndjson`)

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1LTQyIiwiZW52Ijoic3RhZ2luZyJ9.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg'
const BEARER = 'bearer-secret-7f3a9c21d4'
const QUERY_TOKEN = 'query-token-55aa77bb99'
const COOKIE = 'sessioncookie-0123456789abcdef'
const T0 = Date.parse('2026-12-01T10:00:00.000Z') / 1000

const frames: HarMessageFixture[] = [
  { type: 'send', time: T0 + 0.0201, opcode: 1, data: '{"type":"user_message","payload":{"content":"hi"}}' },
  // The server echoes the token in a frame body: it must go too.
  { type: 'receive', time: T0 + 0.0453, opcode: 1, data: `{"type":"connection_established","token":"${JWT}"}` },
  { type: 'receive', time: T0 + 0.1, opcode: 2, data: Buffer.from([0, 1, 2, 255]).toString('base64') },
  { type: 'receive', time: T0 + 0.2, opcode: 9, data: '' },
  { type: 'send', time: T0 + 0.2005, opcode: 10, data: '' },
  { type: 'send', time: T0 + 1.5, opcode: 8, data: '1000 bye' },
  { type: 'receive', time: T0 + 1.501, opcode: 8, data: Buffer.concat([Buffer.from([0x03, 0xe8]), Buffer.from('bye')]).toString('base64') }
]

const wsEntry = {
  url: `wss://api.staging.netrasystems.ai/ws?token=${QUERY_TOKEN}&client=web`,
  started: '2026-12-01T10:00:00.000Z',
  requestHeaders: {
    Host: 'api.staging.netrasystems.ai',
    Authorization: `Bearer ${BEARER}`,
    'Sec-WebSocket-Protocol': `jwt.${Buffer.from(JWT).toString('base64url')}, netra-v1`,
    Cookie: `session=${COOKIE}; theme=dark`
  },
  responseHeaders: { Upgrade: 'websocket', 'Sec-WebSocket-Protocol': `jwt.${Buffer.from(JWT).toString('base64url')}` },
  messages: frames
}

describe('convertHarToRecording', () => {
  it('imports a DevTools HAR entry: handshake from the entry, every frame with direction, time, opcode and data, and the close', async () => {
    const har = harFile(chromeHar([{ url: 'https://app.netrasystems.ai/api/me', plain: true, body: 'x'.repeat(1000) }, wsEntry]))
    const out = outFile()
    const result = await convertHarToRecording(har, out)
    expect(result.entry).toBe(1)
    expect(result.issues).toEqual([])
    expect(statSync(out).mode & 0o777).toBe(0o600)

    const { header, records, issues } = await readSessionLog(out)
    expect(issues).toEqual([])
    expect(result.records).toBe(records.length)
    expect(header.origin).toMatchObject({ format: 'har', file: har.split('/').pop(), entry: 1, creator: 'WebInspector 537.36' })
    const start = records[0] as SessionStartRecord
    expect(start.kind).toBe('session-start')
    expect(start.wallClock).toBe(Date.parse('2026-12-01T10:00:00.000Z'))
    expect(start.environment.kind).toBe('staging')
    expect(start.authMethod).toBe('subprotocol')
    const handshake = records.find((record) => record.kind === 'handshake') as HandshakeRecord
    expect(handshake).toMatchObject({ ok: true, status: 101, statusText: 'Switching Protocols', ms: 12.5 })
    expect(handshake.requestHeaders.authorization).toBe('Bearer «redacted»')
    expect(handshake.requestHeaders.cookie).toBe('session=«redacted»; theme=«redacted»')
    expect(handshake.subprotocolsOffered).toEqual(['jwt.«redacted»', 'netra-v1'])
    expect(handshake.url).toBe('wss://api.staging.netrasystems.ai/ws?token=«redacted»&client=web')

    const wire = records.filter((record): record is MessageRecord | ControlRecord => record.kind === 'message' || record.kind === 'ping' || record.kind === 'pong')
    expect(wire.map((record) => [record.kind, record.dir, record.opcode])).toEqual([
      ['message', 'out', 1],
      ['message', 'in', 1],
      ['message', 'in', 2],
      ['ping', 'in', 9],
      ['pong', 'out', 10]
    ])
    expect(wire.map((record) => record.t)).toEqual([20.1, 45.3, 100, 200, 200.5])
    expect(wire[0]).toMatchObject({ data: frames[0].data, encoding: 'utf8', size: frames[0].data.length })
    expect(wire[1]).toMatchObject({ data: '{"type":"connection_established","token":"«redacted»"}' })
    expect(wire[2]).toMatchObject({ encoding: 'base64', data: 'AAEC/w==', size: 4 })
    const close = records[records.length - 1] as CloseRecord
    expect(close).toMatchObject({ kind: 'close', code: 1000, reason: 'bye', initiator: 'client', clean: true, t: 1501 })

    // No credential reaches the file, in any form it took in the HAR.
    const text = readFileSync(out, 'utf8')
    for (const secret of [JWT, Buffer.from(JWT).toString('base64url'), BEARER, QUERY_TOKEN, COOKIE]) expect(text).not.toContain(secret)

    // The shared reducer reads it like a live session.
    const model = applyRecords(createSessionModel(header.sessionId), records)
    expect(model.state).toBe('closed')
  })

  it('lists the WebSocket entries, and asks which one when there are several', async () => {
    const second = { ...wsEntry, url: 'wss://api.netrasystems.ai/ws?ticket=tk-0000111122223333', started: '2026-12-01T11:00:00.000Z', messages: frames.slice(0, 2) }
    const har = harFile(chromeHar([wsEntry, { url: 'https://x/y', plain: true }, second]))
    const entries = await listHarWebSockets(har)
    expect(entries).toEqual([
      { index: 0, url: 'wss://api.staging.netrasystems.ai/ws?token=«redacted»&client=web', started: '2026-12-01T10:00:00.000Z', status: 101, messages: frames.length },
      { index: 2, url: 'wss://api.netrasystems.ai/ws?ticket=«redacted»', started: '2026-12-01T11:00:00.000Z', status: 101, messages: 2 }
    ])
    const error = await convertHarToRecording(har, outFile()).catch((caught: Error) => caught)
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toContain(`${har}: 2 WebSocket entries; choose one`)
    expect((error as Error).message).toContain('entry 0: wss://api.staging.netrasystems.ai/ws?token=«redacted»')
    expect((error as Error).message).toContain('entry 2: wss://api.netrasystems.ai/ws?ticket=«redacted»')
    expect((error as Error).message).not.toContain(QUERY_TOKEN)
    await expect(convertHarToRecording(har, outFile(), { entry: 1 })).rejects.toThrow('entry 1 is not a WebSocket entry of this HAR')

    const out = outFile()
    expect(await convertHarToRecording(har, out, { entry: 2 })).toMatchObject({ entry: 2 })
    const { records } = await readSessionLog(out)
    expect(records.filter((record) => record.kind === 'message')).toHaveLength(2)
    expect((records[0] as SessionStartRecord).authMethod).toBe('subprotocol')
  })

  it('imports a refused upgrade as a live session records one: not ok, then a local 1006', async () => {
    const har = harFile(chromeHar([{ url: 'wss://api.netrasystems.ai/ws', status: 403, body: '{"error":"token_expired"}', messages: [] }]))
    const out = outFile()
    await convertHarToRecording(har, out)
    const { records } = await readSessionLog(out)
    expect(records.find((record) => record.kind === 'handshake')).toMatchObject({ ok: false, status: 403, body: '{"error":"token_expired"}', error: 'server refused the upgrade: HTTP 403' })
    expect(records[records.length - 1]).toMatchObject({ kind: 'close', code: 1006, initiator: 'none', clean: false })
  })

  it('redacts the secrets the backend already knows too, and notes a connection the HAR leaves open', async () => {
    const har = harFile(chromeHar([{ url: 'wss://h/ws', messages: [{ type: 'receive', time: T0, opcode: 1, data: 'key=known-backend-secret-123' }] }]))
    const out = outFile()
    await convertHarToRecording(har, out, { redactor: new SecretRedactor(['known-backend-secret-123']) })
    const { records } = await readSessionLog(out)
    expect(records.find((record) => record.kind === 'message')).toMatchObject({ data: 'key=«redacted»' })
    expect(records[records.length - 1]).toMatchObject({ kind: 'note', text: expect.stringContaining('no close for this connection') })
  })

  it('keeps an imported message that is not a frame as a note, with its place in the HAR', async () => {
    const messages = [frames[0], { type: 'sideways', time: T0 + 0.03, opcode: 1, data: 'x' }, { type: 'receive', time: T0 + 0.04, opcode: 5, data: 'y' }, frames[1]] as HarMessageFixture[]
    const har = harFile(chromeHar([{ url: 'wss://h/ws', messages }]))
    const out = outFile()
    const result = await convertHarToRecording(har, out)
    expect(result.issues.map((issue) => issue.message)).toEqual([
      expect.stringMatching(/HAR message 2 of entry 0 \(ending at line \d+, column \d+\) not imported: its "type" is "sideways"/),
      expect.stringMatching(/HAR message 3 .* opcode 5 is not a WebSocket frame/)
    ])
    const { records } = await readSessionLog(out)
    expect(records.filter((record) => record.kind === 'message')).toHaveLength(2)
    expect(records.filter((record: FrameRecord) => record.kind === 'note' && record.text.startsWith('HAR message'))).toHaveLength(2)
  })

  it('refuses to overwrite an existing file', async () => {
    const har = harFile(chromeHar([wsEntry]))
    const out = outFile()
    writeFileSync(out, 'mine')
    await expect(convertHarToRecording(har, out)).rejects.toThrow(`cannot write the recording ${out}`)
    expect(readFileSync(out, 'utf8')).toBe('mine')
  })
})
