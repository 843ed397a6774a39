import { describe, expect, it } from 'vitest'
import type { FrameRecord } from '../api/frame-record'
import { parseFrame } from '../protocol/parse-frame'
import { applyRecords, createSessionModel } from '.'
import { readRecord } from './frame-row'

let seq = 0
const message = (data: string, dir: 'in' | 'out' = 'in'): FrameRecord => ({ seq: seq++, t: seq * 2, dir, kind: 'message', opcode: 1, encoding: 'utf8', data, size: data.length })

/** Short texts of every kind: bulk stand-ins, run events, the greeting, odd values, malformed JSON. */
const SHORT = [
  '{"type":"stream_chunk"}',
  '{"type":"partial_result"}',
  '{"type":"agent_started","run_id":"r1","agent_name":"Supervisor"}',
  '{"type":"connection_established","data":{"user_id":"u1"}}',
  '{"type":"ping"}',
  '42',
  'null',
  '[1,2]',
  '"text"',
  '{"type":',
  'not json',
  '{}'
]

describe('reading a record into its row', () => {
  it('reads a short text as a fresh parse would, each time it comes (the same shared event, frozen)', () => {
    for (const text of SHORT) {
      const fresh = parseFrame('utf8', text)
      const first = readRecord(message(text))
      const again = readRecord(message(text))
      expect(first.event, text).toEqual(fresh.event)
      expect(first.row.flag, text).toBe(fresh.flag)
      expect(again.event, text).toBe(first.event)
      expect(again.row.label, text).toBe(first.row.label)
      expect(again.row.seq).toBe(first.row.seq + 1)
      if (first.event === null) continue
      expect(Object.isFrozen(first.event) && Object.isFrozen(first.event.data)).toBe(true)
      // Strict-mode code that tried to change a shared event would throw, not corrupt other records.
      expect(() => {
        ;(first.event as { type: string }).type = 'changed'
      }).toThrow(TypeError)
    }
  })

  it('folds a session of short texts like one whose texts are each parsed afresh, past the memory of distinct texts', () => {
    const texts: string[] = []
    for (let i = 0; i < 700; i++) texts.push(SHORT[i % SHORT.length], `{"type":"agent_thinking","run_id":"r${i % 300}","agent_name":"a"}`)
    const records = texts.map((text) => message(text))
    const model = applyRecords(createSessionModel('short'), records)
    // The reference: the same texts made long (padding is whitespace, so each parses to the same value, afresh).
    const padded = records.map((record) => (record.kind === 'message' ? { ...record, data: record.data.padEnd(80) } : record))
    const reference = applyRecords(createSessionModel('short'), padded)
    expect(model.rows.toArray()).toEqual(reference.rows.toArray())
    expect(model.runs).toEqual(reference.runs)
    expect(model.connection).toEqual(reference.connection)
    expect(model.stats).toEqual(reference.stats)
    expect(model.runs).toHaveLength(300)
  })
})
