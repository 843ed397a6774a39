import { describe, expect, it } from 'vitest'
import type { FrameRecord } from '../../shared/api/frame-record'
import type { RecordsPush } from '../sessions/records-push'
import { eventFrame } from '../web/event-frame'
import { MAX_PUSH_BYTES, PushBatcher } from './push-batcher'

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

function message(seq: number, data = `{"type":"stream_chunk","data":{"index":${seq}}}`): FrameRecord {
  return { seq, t: seq / 10, dir: 'in', kind: 'message', opcode: 1, encoding: 'utf8', data, size: Buffer.byteLength(data) }
}

describe('PushBatcher', () => {
  it('sends a synchronous burst as one batch, promptly, serialised as the web host sends it', async () => {
    const pushes: RecordsPush[] = []
    const batcher = new PushBatcher('s1', (push) => pushes.push(push), 50)
    // 500 small records: ~60 KB, under the size bound.
    const sent = Array.from({ length: 500 }, (_, seq) => message(seq))
    for (const record of sent) batcher.push(record)
    await sleep(5)
    expect(pushes).toHaveLength(1)
    expect(pushes[0].records).toEqual(sent)
    expect(eventFrame('session.records', pushes[0])).toBe(JSON.stringify({ event: 'session.records', payload: { sessionId: 's1', records: sent } }))
  })

  it('never flushes more than once per interval under a steady stream, and loses nothing', async () => {
    const flushTimes: number[] = []
    const received: number[] = []
    const batcher = new PushBatcher(
      's1',
      (push) => {
        flushTimes.push(Date.now())
        received.push(...push.records.map((record) => record.seq))
      },
      50
    )
    const until = Date.now() + 400
    let sent = 0
    while (Date.now() < until) {
      batcher.push(message(sent++))
      await sleep(2)
    }
    batcher.flush()
    expect(received).toEqual(Array.from({ length: sent }, (_, seq) => seq))
    const gaps = flushTimes.slice(1, -1).map((time, i) => time - flushTimes[i])
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(45)
    expect(flushTimes.length).toBeLessThanOrEqual(400 / 50 + 2)
  })

  it('bounds a push in bytes: a burst larger than the bound goes out in several pushes, in order', () => {
    const sizes: number[] = []
    const received: FrameRecord[] = []
    const maxBytes = 64 * 1024
    const batcher = new PushBatcher(
      's1',
      (push) => {
        sizes.push(Buffer.byteLength(eventFrame('session.records', push)))
        received.push(...push.records)
      },
      50,
      maxBytes
    )
    const sent = Array.from({ length: 500 }, (_, seq) => message(seq, `{"chunk":"${'x'.repeat(1000)}","seq":${seq}}`))
    for (const record of sent) batcher.push(record)
    // Nothing waited for the timer: every full push went out synchronously.
    expect(sizes.length).toBeGreaterThanOrEqual(Math.floor((500 * 1000) / maxBytes))
    batcher.flush()
    expect(received).toEqual(sent)
    const oneRecord = Buffer.byteLength(JSON.stringify(sent[0])) + 100
    for (const size of sizes) expect(size).toBeLessThan(maxBytes + oneRecord)
  })

  it('delivers what is queued when released, and starts afresh after', async () => {
    const pushes: RecordsPush[] = []
    const batcher = new PushBatcher('s1', (push) => pushes.push(push), 50)
    batcher.push(message(0))
    batcher.release()
    expect(pushes.map((push) => push.records.map((record) => record.seq))).toEqual([[0]])
    batcher.push(message(1))
    await sleep(60)
    expect(pushes.map((push) => push.records.map((record) => record.seq))).toEqual([[0], [1]])
  })

  it('bounds a push by default below V8\'s large-object size (96 KiB of typical frames stays under 128 KiB)', () => {
    const sizes: number[] = []
    const batcher = new PushBatcher('s1', (push) => sizes.push(Buffer.byteLength(eventFrame('session.records', push))))
    for (let seq = 0; seq < 1000; seq++) batcher.push(message(seq, `{"chunk":"${'x'.repeat(1000)}"}`))
    batcher.flush()
    expect(MAX_PUSH_BYTES).toBe(96 * 1024)
    expect(sizes.length).toBeGreaterThanOrEqual(10)
    for (const size of sizes) expect(size).toBeLessThan(128 * 1024 - 64)
  })
})
