import { describe, expect, it } from 'vitest'
import type { FrameRecord, MessageRecord } from '../api/frame-record'
import { bulkStandIn } from './bulk-output'
import { RecordLog } from './record-log'

function message(seq: number, data: string, dir: 'in' | 'out' = 'in'): MessageRecord {
  return { seq, t: seq / 4, dir, kind: 'message', opcode: 1, encoding: 'utf8', data, size: 1010 }
}

const STREAM = bulkStandIn('stream_chunk')
const PARTIAL = bulkStandIn('partial_result')

describe('RecordLog', () => {
  it('gives back every record in order, equal field for field, across chunk boundaries', () => {
    const log = new RecordLog()
    const appended: Array<{ record: FrameRecord; label: string }> = []
    for (let seq = 0; seq < 40_000; seq++) {
      // Mostly bulk stand-ins of two types, with other records among them.
      const pick = seq % 7
      const entry =
        pick === 0
          ? { record: message(seq, '{"type":"agent_thinking","payload":{"run_id":"r1"}}'), label: 'agent_thinking' }
          : pick === 1
            ? { record: message(seq, PARTIAL), label: 'partial_result' }
            : pick === 2
              ? { record: { seq, t: seq, dir: 'in', kind: 'ping', opcode: 9, data: '', size: 0 } as FrameRecord, label: 'ping' }
              : { record: message(seq, STREAM), label: 'stream_chunk' }
      log.append(entry.record, entry.label)
      appended.push(entry)
    }
    expect(log.length).toBe(40_000)
    for (let i = 0; i < appended.length; i++) expect(log.at(i)).toEqual(appended[i].record)
  })

  it('keeps as they are (the same objects) the records that are not exactly a bulk stand-in', () => {
    const log = new RecordLog()
    const kept: FrameRecord[] = [
      // A bulk frame with its text: the text is evidence of nothing, but it is not the stand-in, so it stays.
      message(0, '{"type":"stream_chunk","payload":{"text":"hello"}}'),
      // The stand-in's text sent by us, or as binary, or under another label.
      message(1, STREAM, 'out'),
      { ...message(2, STREAM), encoding: 'base64' },
      message(3, STREAM)
    ]
    log.append(kept[0], 'stream_chunk')
    log.append(kept[1], 'stream_chunk')
    log.append(kept[2], 'stream_chunk')
    log.append(kept[3], 'agent_started')
    for (let i = 0; i < kept.length; i++) expect(log.at(i)).toBe(kept[i])
  })

  it('builds a stand-in again rather than keeping its object', () => {
    const log = new RecordLog()
    const record = message(5, STREAM)
    log.append(record, 'stream_chunk')
    expect(log.at(0)).not.toBe(record)
    expect(log.at(0)).toEqual(record)
  })
})
