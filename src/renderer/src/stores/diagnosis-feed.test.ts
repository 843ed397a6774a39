import { describe, expect, it } from 'vitest'
import type { FrameRecord } from '../../../shared/api/frame-record'
import { diagnoseSession } from '../../../shared/diagnosis'
import { applyRecords, createSessionModel, withoutBulkText, type SessionModel } from '../../../shared/session-model'
import { createFakeContractClient } from '../test-support/fake-contract-client'
import { agentEvent, closeRecord, messageRecord, openedSession } from '../test-support/records'
import { STARTUP_HANDLERS } from '../test-support/sandbox-fixtures'
import { createInThreadDiagnosisForTests } from '../workers/diagnosis-service'
import { unpackFeed } from '../../../shared/session-model'
import { createAppStore } from './create-app-store'

const text = 'x'.repeat(900)

/** Seqs of the frames in `mixedSession` that the rule replaces. */
const plainBulk: number[] = []

/** A session of every kind of frame the bulk rule must tell apart, with a run whose events are spread among the bulk frames. */
function mixedSession(): FrameRecord[] {
  const records: FrameRecord[] = [...openedSession()]
  const next = (): number => records.length
  plainBulk.length = 0
  records.push(agentEvent(next(), 'agent_started', 'Supervisor'))
  for (let i = 0; i < 40; i++) {
    plainBulk.push(next())
    records.push(messageRecord(next(), { type: 'stream_chunk', data: { index: i, chunk: text } }))
  }
  // Bulk frames that put themselves in a run or name an agent: the reducer reads them into runs.
  records.push(messageRecord(next(), { type: 'stream_chunk', run_id: 'run_0123456789abcdef', data: { chunk: text } }))
  records.push(messageRecord(next(), { type: 'partial_result', agent_name: 'DataHelper', payload: { text } }))
  plainBulk.push(next())
  records.push(messageRecord(next(), { type: 'partial_result', payload: { text } }))
  // Not bulk output as the rule means it: sent by us, unreadable, short, or another type.
  records.push(messageRecord(next(), { type: 'stream_chunk', data: { chunk: text } }, 'out'))
  records.push(messageRecord(next(), `{"type":"stream_chunk","data":"${text}"`))
  records.push(messageRecord(next(), { type: 'stream_chunk' }))
  records.push(messageRecord(next(), { type: 'agent_thinking', payload: { text } }))
  records.push(agentEvent(next(), 'agent_completed', 'Supervisor'))
  records.push(closeRecord(next(), 1000))
  return records
}

/** What a view or a rule reads of a model (everything but the records it keeps and its batch count). */
function shown(model: SessionModel): unknown {
  const { records: _records, version: _version, ...rest } = model
  return { ...rest, rows: model.rows.toArray() }
}

describe('the diagnosis worker is fed bulk output frames without their text', () => {
  it('replaces only received bulk frames that name no run and no agent, and they fold into the same model and diagnosis', () => {
    const records = mixedSession()
    const full = applyRecords(createSessionModel('s1'), records)
    const fed = records.map((record, i) => withoutBulkText(record, full.rows, i))
    const replaced = fed.filter((record, i) => record !== records[i])
    // The 40 plain chunks and the partial_result without run or agent; nothing else.
    expect(replaced.map((record) => record.seq)).toEqual(plainBulk)
    for (const record of replaced) expect(record.kind === 'message' && record.data.length).toBeLessThan(40)

    const folded = applyRecords(createSessionModel('s1'), fed)
    expect(shown(folded)).toEqual(shown(full))
    expect(diagnoseSession(folded, { nowMs: 1_000_000 })).toEqual(diagnoseSession(full, { nowMs: 1_000_000 }))
  })

  it('the store feeds the worker that way, batch by batch, and its diagnosis equals the diagnosis of every record', async () => {
    const records = mixedSession()
    const diagnosis = createInThreadDiagnosisForTests()
    const fed: FrameRecord[] = []
    const feed = diagnosis.feed.bind(diagnosis)
    diagnosis.feed = (sessionId, batch) => {
      fed.push(...unpackFeed(batch))
      feed(sessionId, batch)
    }
    const store = createAppStore(createFakeContractClient(STARTUP_HANDLERS).client, diagnosis)
    for (let from = 0; from < records.length; from += 7) store.getState().ingestRecords('s1', records.slice(from, from + 7))
    for (let i = 0; i < 100 && store.getState().models.s1?.lastSeq !== records.length - 1; i++) await new Promise((resolve) => setTimeout(resolve, 5))
    store.getState().watchDiagnosis('s1', { sla: undefined, expectedGeneration: null, clock: 'records' })
    const judged = store.getState().diagnoses.s1?.diagnosis
    expect(judged).toEqual(diagnoseSession(applyRecords(createSessionModel('s1'), records)))
    expect(judged?.verdict).toBeDefined()
    // The worker got every record once, in order, the plain bulk ones without their text.
    expect(fed.map((record) => record.seq)).toEqual(records.map((record) => record.seq))
    expect(fed.filter((record) => record.kind === 'message' && record.data.length < 40 && record.data.length !== (records[record.seq] as { data: string }).data.length).map((record) => record.seq)).toEqual(plainBulk)
  })
})
