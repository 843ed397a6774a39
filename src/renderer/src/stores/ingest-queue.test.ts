import { describe, expect, it } from 'vitest'
import type { FrameRecord } from '../../../shared/api/frame-record'
import { messageRecord } from '../test-support/records'
import { IngestQueue } from './ingest-queue'

function records(from: number, count: number): FrameRecord[] {
  return Array.from({ length: count }, (_, i) => messageRecord(from + i, { type: 'stream_chunk' }))
}

describe('IngestQueue', () => {
  it('applies a small batch at once', () => {
    const applied: number[] = []
    const queue = new IngestQueue((_, batch) => applied.push(...batch.map((record) => record.seq)))
    queue.push('s', records(0, 3))
    expect(applied).toEqual([0, 1, 2])
    expect(queue.lastSeq('s')).toBeUndefined()
  })

  it('applies a big batch in slices across tasks, in order, behind anything queued before', async () => {
    const applied: { sessionId: string; seqs: number[] }[] = []
    // Each slice takes a few ms, so the budget runs out and the rest waits for later tasks.
    const queue = new IngestQueue((sessionId, batch) => {
      const until = performance.now() + 3
      while (performance.now() < until);
      applied.push({ sessionId, seqs: batch.map((record) => record.seq) })
    })
    queue.push('s', records(0, 20_000))
    const appliedAtOnce = applied.length
    expect(appliedAtOnce).toBeGreaterThan(0)
    expect(appliedAtOnce).toBeLessThan(40)
    expect(queue.lastSeq('s')).toBe(19_999)
    queue.push('s', records(20_000, 2))
    queue.push('t', records(0, 1))
    // Queued behind the big batch, not applied ahead of it.
    expect(applied.length).toBe(appliedAtOnce)
    await queue.drained()
    const seqs = applied.filter((entry) => entry.sessionId === 's').flatMap((entry) => entry.seqs)
    expect(seqs).toEqual([...Array(20_002).keys()])
    expect(Math.max(...applied.map((entry) => entry.seqs.length))).toBeLessThanOrEqual(512)
    expect(applied[applied.length - 1]).toEqual({ sessionId: 't', seqs: [0] })
    expect(queue.lastSeq('s')).toBeUndefined()
  })

  it('spreads many pushes that land in one task over several tasks, in order', async () => {
    const applied: number[] = []
    const queue = new IngestQueue((_, batch) => {
      const until = performance.now() + 2
      while (performance.now() < until);
      applied.push(...batch.map((record) => record.seq))
    })
    for (let i = 0; i < 40; i++) queue.push('s', records(i * 100, 100))
    expect(applied.length).toBeGreaterThan(0)
    expect(applied.length).toBeLessThan(4000)
    await queue.drained()
    expect(applied).toEqual([...Array(4000).keys()])
  })
})
