import { describe, expect, it } from 'vitest'
import { PushBatcher } from './push-batcher'

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

describe('PushBatcher', () => {
  it('sends a synchronous burst as one batch, promptly', async () => {
    const batches: number[][] = []
    const batcher = new PushBatcher<number>((items) => batches.push(items), 50)
    for (let i = 0; i < 1000; i++) batcher.push(i)
    await sleep(5)
    expect(batches).toHaveLength(1)
    expect(batches[0]).toHaveLength(1000)
  })

  it('never flushes more than once per interval under a steady stream, and loses nothing', async () => {
    const flushTimes: number[] = []
    let received = 0
    const batcher = new PushBatcher<number>((items) => {
      flushTimes.push(Date.now())
      received += items.length
    }, 50)
    const until = Date.now() + 400
    let sent = 0
    while (Date.now() < until) {
      batcher.push(sent++)
      await sleep(2)
    }
    batcher.flush()
    expect(received).toBe(sent)
    const gaps = flushTimes.slice(1, -1).map((time, i) => time - flushTimes[i])
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(45)
    expect(flushTimes.length).toBeLessThanOrEqual(400 / 50 + 2)
  })
})

describe('PushBatcher with a weight limit', () => {
  it('flushes a batch as soon as it reaches the limit, in order, losing nothing', async () => {
    const batches: number[][] = []
    const batcher = new PushBatcher<number>((items) => batches.push(items), 50, { maxWeight: 100, weigh: () => 10 })
    for (let i = 0; i < 1005; i++) batcher.push(i)
    // 100 full batches went out synchronously; the 5 left wait for the timer.
    expect(batches).toHaveLength(100)
    expect(batches.every((batch) => batch.length === 10)).toBe(true)
    await sleep(60)
    expect(batches).toHaveLength(101)
    expect(batches.flat()).toEqual(Array.from({ length: 1005 }, (_, i) => i))
  })

  it('weighs each item: one heavy item is a batch of its own', () => {
    const batches: string[][] = []
    const batcher = new PushBatcher<string>((items) => batches.push(items), 50, { maxWeight: 1000, weigh: (text) => text.length })
    batcher.push('a')
    batcher.push('b'.repeat(2000))
    batcher.push('c')
    batcher.flush()
    expect(batches).toEqual([['a', 'b'.repeat(2000)], ['c']])
  })
})
