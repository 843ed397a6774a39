import { deserialize, serialize } from 'node:v8'
import { describe, expect, it } from 'vitest'
import type { FrameRecord } from '../../shared/api/frame-record'
import { eventFrame } from '../web/event-frame'
import { RecordsPushWriter, serialisedRecordsPush } from './records-push'

/** Every kind of text a frame can carry that JSON must escape or pass through. */
const TEXTS = [
  '{"type":"stream_chunk","data":{"chunk":"x"}}',
  'quotes " and backslashes \\ and a solidus /',
  'controls \u0000\u0001\b\f\n\r\t\u001f and DEL \u007f',
  'unicode «ü» € 𝄞 and separators \u2028\u2029',
  'a lone high surrogate \ud800 and a lone low one \udc00',
  ''
]

function records(): FrameRecord[] {
  const list: FrameRecord[] = [
    { seq: 0, t: 0, kind: 'session-start', dir: 'local', wallClock: 1_764_582_000_000, environment: { id: 'sandbox', name: 'Sandbox', kind: 'sandbox' }, url: 'ws://127.0.0.1:1/ws', authMethod: 'none' },
    { seq: 1, t: 0.5, kind: 'note', dir: 'local', text: 'two\nlines' }
  ]
  for (const data of TEXTS) list.push({ seq: list.length, t: list.length * 1.1, dir: 'in', kind: 'message', opcode: 1, encoding: 'utf8', data, size: Buffer.byteLength(data) })
  list.push({ seq: list.length, t: 99.9, dir: 'in', kind: 'message', opcode: 2, encoding: 'base64', data: Buffer.from([0, 255, 1]).toString('base64'), size: 3 })
  list.push({ seq: list.length, t: 100, kind: 'close', dir: 'in', code: 1000, reason: 'bye "now"', initiator: 'server', clean: true })
  return list
}

function writtenPush(sessionId: string, batch: readonly FrameRecord[], writer = new RecordsPushWriter(sessionId)) {
  for (const record of batch) writer.add(record)
  const push = writer.take()
  if (!push) throw new Error('no push')
  return push
}

describe('RecordsPushWriter', () => {
  it('writes exactly the text the web host used to stringify, for every kind of record and text', () => {
    const batch = records()
    const push = writtenPush('s-1', batch)
    const text = eventFrame('session.records', push)
    expect(text).toBe(JSON.stringify({ event: 'session.records', payload: { sessionId: 's-1', records: batch } }))
    expect(JSON.parse(text)).toEqual({ event: 'session.records', payload: { sessionId: 's-1', records: batch } })
    expect(serialisedRecordsPush(push)?.count).toBe(batch.length)
  })

  it('escapes a session id that needs it', () => {
    const id = 'odd "id" \\ «ü»'
    const batch = records().slice(0, 2)
    expect(eventFrame('session.records', writtenPush(id, batch))).toBe(JSON.stringify({ event: 'session.records', payload: { sessionId: id, records: batch } }))
  })

  it('is an ordinary payload to every other reader: records, JSON, structured clone and V8 serialisation (Electron IPC)', () => {
    const batch = records()
    const push = writtenPush('s-2', batch)
    const plain = { sessionId: 's-2', records: batch }
    expect(push.records).toEqual(batch)
    expect(push.records).toBe(push.records)
    expect(Object.keys(push)).toEqual(['sessionId', 'records'])
    expect(JSON.stringify(push)).toBe(JSON.stringify(plain))
    expect(structuredClone(push)).toEqual(plain)
    expect(deserialize(serialize(push))).toEqual(plain)
  })

  it('keeps batches apart: the buffer reused for the next batch leaves the last push intact', () => {
    const writer = new RecordsPushWriter('s-3')
    const all = records()
    const first = writtenPush('s-3', all.slice(0, 4), writer)
    const firstText = eventFrame('session.records', first)
    expect(writer.take()).toBeNull()
    const second = writtenPush('s-3', all.slice(4), writer)
    expect(eventFrame('session.records', first)).toBe(firstText)
    expect(first.records).toEqual(all.slice(0, 4))
    expect(second.records).toEqual(all.slice(4))
  })

  it('grows for a batch larger than its buffer, and drops the buffer when released', () => {
    const writer = new RecordsPushWriter('s-4')
    const big = 'é"'.repeat(200_000)
    const batch: FrameRecord[] = Array.from({ length: 3 }, (_, seq) => ({ seq, t: seq, dir: 'in', kind: 'message', opcode: 1, encoding: 'utf8', data: big, size: Buffer.byteLength(big) }))
    const push = writtenPush('s-4', batch, writer)
    expect(eventFrame('session.records', push)).toBe(JSON.stringify({ event: 'session.records', payload: { sessionId: 's-4', records: batch } }))
    expect(writer.retainedBytes).toBeGreaterThan(3 * big.length)
    writer.release()
    expect(writer.retainedBytes).toBe(0)
    expect(push.records).toEqual(batch)
  })

  it('leaves any other payload to JSON.stringify', () => {
    const payload = { sessionId: 's-5', records: records() }
    expect(serialisedRecordsPush(payload)).toBeNull()
    expect(eventFrame('session.records', payload)).toBe(JSON.stringify({ event: 'session.records', payload }))
    expect(eventFrame('sessions.changed', { sessions: [] })).toBe('{"event":"sessions.changed","payload":{"sessions":[]}}')
  })
})
