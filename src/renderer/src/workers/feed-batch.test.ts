import { describe, expect, it } from 'vitest'
import type { FrameRecord } from '../../../shared/api/frame-record'
import { applyRecords, createSessionModel, transferablesOf, unpackFeed, withoutBulkText } from '../../../shared/session-model'
import { agentEvent, closeRecord, messageRecord, openedSession } from '../test-support/records'
import { packFeed } from './feed-batch'

const text = 'y'.repeat(700)

/** Every kind of record a batch can hold, bulk output frames among them in runs and alone. */
function batchOfEveryKind(): FrameRecord[] {
  const records: FrameRecord[] = [...openedSession()]
  const next = (): number => records.length
  records.push(agentEvent(next(), 'agent_started', 'Supervisor'))
  for (let i = 0; i < 5; i++) records.push(messageRecord(next(), { type: 'stream_chunk', data: { i, chunk: text } }, 'in', next() + 0.125))
  records.push(messageRecord(next(), { type: 'partial_result', payload: { text } }))
  // Kept whole: named run or agent, sent by us, short, another type, binary, and a record with a key of its own.
  records.push(messageRecord(next(), { type: 'stream_chunk', run_id: 'run_0123456789abcdef', data: { chunk: text } }))
  records.push(messageRecord(next(), { type: 'partial_result', agent_name: 'DataHelper', payload: { text } }))
  records.push(messageRecord(next(), { type: 'stream_chunk', data: { chunk: text } }, 'out'))
  records.push(messageRecord(next(), { type: 'stream_chunk' }))
  records.push(messageRecord(next(), { type: 'agent_thinking', payload: { text } }))
  records.push({ seq: next(), t: next(), dir: 'in', kind: 'message', opcode: 2, encoding: 'base64', data: Buffer.from(text).toString('base64'), size: text.length })
  records.push({ ...messageRecord(next(), { type: 'stream_chunk', data: { chunk: text } }), extra: 'kept' } as FrameRecord)
  records.push(messageRecord(next(), { type: 'stream_chunk', data: { i: 99, chunk: text } }))
  records.push(agentEvent(next(), 'agent_completed', 'Supervisor'))
  records.push(closeRecord(next(), 1000))
  return records
}

describe('packFeed and unpackFeed', () => {
  it('unpack to exactly what withoutBulkText gives, record for record, from any slice of the session', () => {
    const records = batchOfEveryKind()
    const rows = applyRecords(createSessionModel('s'), records).rows
    const expected = records.map((record, i) => withoutBulkText(record, rows, i))
    for (const [from, to] of [[0, records.length], [4, 9], [9, records.length], [0, 0]]) {
      const batch = packFeed(records.slice(from, to), rows, from)
      expect(unpackFeed(batch)).toStrictEqual(expected.slice(from, to))
    }
  })

  it('send the plain bulk frames as numbers and everything else whole', () => {
    const records = batchOfEveryKind()
    const rows = applyRecords(createSessionModel('s'), records).rows
    const batch = packFeed(records, rows, 0)
    const replaced = records.filter((record, i) => withoutBulkText(record, rows, i) !== record)
    // The five chunks, the lone partial_result, the one with a key of its own and the last chunk.
    expect(replaced).toHaveLength(8)
    // All but the one with its own key travel as numbers; it travels whole, its text already replaced.
    expect(batch.whole).toHaveLength(records.length - 7)
    expect(batch.whole.filter((record) => !records.includes(record))).toEqual([{ ...records[records.length - 4], data: '{"type":"stream_chunk"}' }])
    expect(batch.types.sort()).toEqual(['partial_result', 'stream_chunk'])
  })

  it('survive a transfer: the buffers move to the other side and the records arrive the same', () => {
    const records = batchOfEveryKind()
    const rows = applyRecords(createSessionModel('s'), records).rows
    const batch = packFeed(records, rows, 0)
    const sent = structuredClone(batch, { transfer: transferablesOf(batch) })
    // Handed over, not copied: this side's views are empty now.
    expect(batch.numbers.byteLength).toBe(0)
    expect(batch.code.byteLength).toBe(0)
    expect(unpackFeed(sent)).toStrictEqual(records.map((record, i) => withoutBulkText(record, rows, i)))
  })
})
