import { describe, expect, it } from 'vitest'
import type { ContractBackend } from '../../shared/api/contract'
import type { FrameRecord, MessageRecord } from '../../shared/api/frame-record'
import { FAULT_SCENARIOS } from '../../shared/diagnosis/testing/fault-scenarios'
import { inboundFrame, withFlood } from '../../shared/diagnosis/testing/flooded-session'
import { applyRecords, bulkStandIn, createSessionModel } from '../../shared/session-model'
import { judgeProbe, probeReport } from '../../cli/probe/probe-report'
import type { ProbeJudgment } from '../../cli/probe/probe-judgment'
import { SessionWatcher } from './session-watcher'

/** A backend that serves `backlog` and lets the test push batches, as the real one does. */
function fakeBackend(backlog: FrameRecord[]): { backend: ContractBackend; push: (records: FrameRecord[]) => void } {
  let listener: ((event: string, payload: unknown) => void) | null = null
  const backend = {
    handlers: { 'session.records': async () => ({ records: backlog }) },
    subscribe: (next: (event: string, payload: unknown) => void) => {
      listener = next
      return () => (listener = null)
    },
    dispose: async () => undefined
  } as unknown as ContractBackend
  return { backend, push: (records) => listener?.('session.records', { sessionId: 's', records }) }
}

/** A scenario's session with a flood of streamed text after its first inbound message: some frames name their run. */
function floodedSession(): FrameRecord[] {
  const text = 'x'.repeat(400)
  const flood = Array.from({ length: 3_000 }, (_, i) =>
    inboundFrame(i % 500 === 7 ? { type: 'stream_chunk', payload: { run_id: 'run-1', text } } : { type: i % 3 ? 'stream_chunk' : 'partial_result', payload: { text } })
  )
  return withFlood(FAULT_SCENARIOS['slow-llm']().model.records, flood)
}

const JUDGMENT: ProbeJudgment = { judgedSeq: 0, nowMs: Date.UTC(2030, 0, 1), silenceMs: 45_000, timedOut: false, httpBase: { url: null, source: 'none' }, durationMs: 10 }

describe('SessionWatcher', () => {
  it('keeps every record in order, a bulk frame without its text, and judges and reports as with the text', async () => {
    const records = floodedSession()
    const { backend, push } = fakeBackend(records.slice(0, 100))
    const watcher = await SessionWatcher.attach(backend, 's')
    // Live pushes that overlap the backlog and each other, as they may.
    for (let at = 80; at < records.length; at += 300) push(records.slice(at, at + 320))
    const model = watcher.current
    expect(model.records.map((record) => record.seq)).toEqual(records.map((record) => record.seq))

    const dropped = model.records.filter((record, i) => record.kind === 'message' && record.data !== (records[i] as MessageRecord).data)
    expect(dropped).toHaveLength(2_994)
    for (const record of dropped) expect([bulkStandIn('stream_chunk'), bulkStandIn('partial_result')]).toContain((record as MessageRecord).data)
    // The frames that name their run keep their text.
    expect(model.records.filter((record) => record.kind === 'message' && record.data.includes('run-1'))).toHaveLength(6)

    const full = applyRecords(createSessionModel('s'), records)
    const judgment = { ...JUDGMENT, judgedSeq: full.lastSeq }
    expect(judgeProbe(model, judgment)).toEqual(judgeProbe(full, judgment))
    expect(probeReport(model, judgeProbe(model, judgment), judgment, 'sandbox')).toEqual(probeReport(full, judgeProbe(full, judgment), judgment, 'sandbox'))
    watcher.dispose()
  })
})
