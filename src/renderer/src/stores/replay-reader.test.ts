import { describe, expect, it } from 'vitest'
import type { FrameRecord } from '../../../shared/api/frame-record'
import { REPLAY_PAGE, ReplayReader, type RecordPage } from './replay-reader'

const record = (seq: number): FrameRecord => ({ seq, t: seq, dir: 'in', kind: 'message', opcode: 1, encoding: 'utf8', data: `{"type":"n","i":${seq}}`, size: 20 })

/** A session of `count` records served by range, counting what it served; `failAt` makes that fetch fail once. */
function source(count: number, failAt?: number) {
  const served = { records: 0, calls: [] as Array<{ fromSeq: number; limit: number }> }
  let failed = false
  const fetchPage = async (fromSeq: number, limit: number): Promise<RecordPage> => {
    await new Promise((resolve) => setTimeout(resolve, 0))
    served.calls.push({ fromSeq, limit })
    if (failAt !== undefined && fromSeq === failAt && !failed) {
      failed = true
      throw new Error('the disk went away')
    }
    const records = Array.from({ length: Math.max(0, Math.min(limit, count - fromSeq)) }, (_, i) => record(fromSeq + i))
    served.records += records.length
    const nextSeq = fromSeq + records.length
    return { records, nextSeq, done: nextSeq >= count }
  }
  return { served, fetchPage }
}

describe('ReplayReader', () => {
  it('reads every record in order, a page at a time, holding at most two pages', async () => {
    const total = REPLAY_PAGE * 5 + 17
    const { served, fetchPage } = source(total)
    const reader = new ReplayReader(fetchPage)
    const seen: number[] = []
    for (;;) {
      const batch = await reader.take(300)
      if (batch.length === 0) break
      seen.push(...batch.map((r) => r.seq))
      // Never more than the page in use and one read ahead.
      expect(served.records - reader.position).toBeLessThanOrEqual(2 * REPLAY_PAGE)
    }
    expect(seen).toEqual(Array.from({ length: total }, (_, i) => i))
    expect(served.calls.every((call) => call.limit === REPLAY_PAGE)).toBe(true)
    expect(served.records).toBe(total)
    expect(await reader.ready()).toBe(false)
  })

  it('reads no further ahead than one page, however long it is left alone', async () => {
    const { served, fetchPage } = source(REPLAY_PAGE * 10)
    const reader = new ReplayReader(fetchPage)
    await reader.take(3)
    for (let i = 0; i < 50; i++) await new Promise((resolve) => setTimeout(resolve, 0))
    expect(served.records).toBe(2 * REPLAY_PAGE)
  })

  it('takes what is here synchronously, and reads the next page ahead while this one is used', async () => {
    const { served, fetchPage } = source(REPLAY_PAGE * 3)
    const reader = new ReplayReader(fetchPage)
    expect(reader.takeHere(5)).toEqual([])
    expect(await reader.ready()).toBe(true)
    expect(reader.takeHere(5).map((r) => r.seq)).toEqual([0, 1, 2, 3, 4])
    expect(reader.peek()?.seq).toBe(5)
    // The second page arrives without anyone waiting for it.
    for (let i = 0; i < 20 && served.calls.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 0))
    expect(served.calls.map((call) => call.fromSeq)).toEqual([0, REPLAY_PAGE])
    expect(reader.takeHere(REPLAY_PAGE).length).toBe(REPLAY_PAGE - 5)
    expect(reader.takeHere(1).map((r) => r.seq)).toEqual([REPLAY_PAGE])
  })

  it('restarts from the first record, dropping a page that was on its way', async () => {
    const { fetchPage } = source(REPLAY_PAGE * 4)
    const reader = new ReplayReader(fetchPage)
    await reader.take(REPLAY_PAGE + 10)
    // A read-ahead is in flight now; restarting must not let it land after the first page.
    reader.restart()
    expect(reader.position).toBe(0)
    const again = await reader.take(REPLAY_PAGE * 2)
    expect(again.map((r) => r.seq)).toEqual(Array.from({ length: REPLAY_PAGE * 2 }, (_, i) => i))
  })

  it('rejects when a fetch fails, and reads on from the same place when asked again', async () => {
    const { fetchPage } = source(REPLAY_PAGE * 2 + 3, REPLAY_PAGE)
    const reader = new ReplayReader(fetchPage)
    expect((await reader.take(REPLAY_PAGE)).length).toBe(REPLAY_PAGE)
    await expect(reader.ready()).rejects.toThrow('the disk went away')
    const rest = await reader.take(REPLAY_PAGE * 3)
    expect(rest.map((r) => r.seq)).toEqual(Array.from({ length: REPLAY_PAGE + 3 }, (_, i) => REPLAY_PAGE + i))
  })

  it('ends at once on an empty session', async () => {
    const reader = new ReplayReader(source(0).fetchPage)
    expect(await reader.ready()).toBe(false)
    expect(await reader.take(10)).toEqual([])
  })
})
