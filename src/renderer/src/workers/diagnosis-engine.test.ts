import { afterEach, describe, expect, it, vi } from 'vitest'
import { diagnoseSession } from '../../../shared/diagnosis'
import { FAULT_SCENARIOS } from '../../../shared/diagnosis/testing/fault-scenarios'
import { applyRecords, createSessionModel } from '../../../shared/session-model'
import { messageRecord } from '../test-support/records'
import { runningSession, WALL_CLOCK } from '../views/overview/overview-fixtures'
import { DiagnosisEngine, REDIAGNOSE_GAP_MS } from './diagnosis-engine'
import type { DiagnosisReply } from './diagnosis-protocol'

afterEach(() => vi.useRealTimers())

function engineWithReplies(): { engine: DiagnosisEngine; replies: DiagnosisReply[] } {
  const replies: DiagnosisReply[] = []
  return { engine: new DiagnosisEngine((reply) => replies.push(reply)), replies }
}

describe('DiagnosisEngine', () => {
  it('judges what it was fed, exactly as diagnoseSession judges the whole session', () => {
    const records = FAULT_SCENARIOS['database-down']().model.records
    const { engine, replies } = engineWithReplies()
    // Fed in batches before anyone watches: the model is kept, nothing is judged yet.
    for (let i = 0; i < records.length; i += 3) engine.feed('s', records.slice(i, i + 3))
    expect(replies).toHaveLength(0)
    engine.watch('s', { sla: undefined, expectedGeneration: null })
    expect(replies).toHaveLength(1)
    const reply = replies[0]
    if (reply.type !== 'result') throw new Error(reply.message)
    expect(reply.result.lastSeq).toBe(records[records.length - 1].seq)
    expect(reply.result.nowMs).toBeNull()
    expect(reply.result.diagnosis).toEqual(diagnoseSession(applyRecords(createSessionModel('s'), records), { expectedGeneration: null }))
    engine.dispose()
  })

  it('forgets a session: its model, evidence and watch go, and a new feed starts from nothing', () => {
    const records = FAULT_SCENARIOS['database-down']().model.records
    const { engine, replies } = engineWithReplies()
    engine.feed('view-1', records)
    engine.watch('view-1', { sla: undefined, expectedGeneration: null })
    engine.forget('view-1')
    // Forgotten: nothing is judged any more, and a watch sees an empty session, not the old records.
    engine.feed('view-1', records.slice(0, 2))
    expect(replies).toHaveLength(1)
    engine.watch('view-1', { sla: undefined, expectedGeneration: null })
    const reply = replies.at(-1)
    if (reply?.type !== 'result') throw new Error('no result')
    expect(reply.result.lastSeq).toBe(records[1].seq)
    engine.dispose()
  })

  it('re-judges a flood at most once per gap, and stops when unwatched', async () => {
    vi.useFakeTimers({ now: WALL_CLOCK + 1_000 })
    const records = runningSession()
    const { engine, replies } = engineWithReplies()
    engine.feed('s', records)
    engine.watch('s', { sla: undefined, expectedGeneration: null })
    let seq = records[records.length - 1].seq
    for (let i = 0; i < 50; i++) {
      engine.feed('s', [messageRecord(++seq, { type: 'stream_chunk' })])
      await vi.advanceTimersByTimeAsync(REDIAGNOSE_GAP_MS / 10)
    }
    // 50 batches over five gaps: the first judgement plus about one per gap, not one per batch.
    expect(replies.length).toBeGreaterThanOrEqual(5)
    expect(replies.length).toBeLessThanOrEqual(7)
    engine.unwatch('s')
    const settled = replies.length
    engine.feed('s', [messageRecord(seq + 1, { type: 'stream_chunk' })])
    await vi.advanceTimersByTimeAsync(REDIAGNOSE_GAP_MS * 10)
    expect(replies).toHaveLength(settled)
  })
})
