import { describe, expect, it } from 'vitest'
import type { FrameRecord } from '../../shared/api/frame-record'
import { diagnoseSession } from '../../shared/diagnosis'
import { FAULT_SCENARIOS } from '../../shared/diagnosis/testing/fault-scenarios'
import { inboundFrame, withFlood } from '../../shared/diagnosis/testing/flooded-session'
import { extractRunReports } from '../../shared/reports'
import { applyRecords, createSessionModel, endRecords } from '../../shared/session-model'
import type { RecordSource } from './record-source'
import { summarizeRecords } from './summarize-records'

/** A scenario's session with a flood of streamed text, partial results that name their run and a final report among it. */
function session(): FrameRecord[] {
  const runId = 'run-flood'
  const flood = Array.from({ length: 12_000 }, (_, i) =>
    inboundFrame(
      i % 4_000 === 3
        ? { type: 'partial_result', payload: { run_id: runId, agent_name: 'reporting', result: { report_content: `part ${i}`, total_potential_savings: i } } }
        : { type: 'stream_chunk', payload: { text: 'z'.repeat(300) } }
    )
  )
  const report = inboundFrame({ type: 'agent_completed', payload: { run_id: runId, agent_name: 'data_helper', result: { data_request: { questions: ['What is your monthly spend?'] } } } })
  return withFlood(FAULT_SCENARIOS['slow-llm']().model.records, [...flood, report])
}

function sourceOf(records: FrameRecord[], ended: boolean): RecordSource {
  return {
    sessionId: 's',
    count: records.length,
    ended,
    readRange: async (from, count) => {
      const part = records.slice(from, from + count)
      return { records: part, lines: part.map((_, i) => from + i + 1), issues: [] }
    }
  }
}

describe('summarizeRecords', () => {
  it('keeps no record, and gives the model, diagnosis and reports of a model that kept every record', async () => {
    const records = session()
    const progress: number[] = []
    const { folded, reports } = await summarizeRecords(sourceOf(records, true), (p) => progress.push(p.records))
    const full = applyRecords(createSessionModel('s'), records)
    expect(folded.model.records).toEqual([])
    expect(folded.model.rows.toArray()).toEqual(full.rows.toArray())
    expect(folded.model.runs).toEqual(full.runs)
    expect(folded.diagnose({}, true)).toEqual(diagnoseSession(endRecords(full)))
    expect(folded.diagnose({ nowMs: Date.UTC(2030, 0, 1) })).toEqual(diagnoseSession(full, { nowMs: Date.UTC(2030, 0, 1) }))
    // Read from every record with its text, as the Report tab reads them: partial results that name their run count.
    expect(reports).toEqual(extractRunReports(records))
    expect(reports.find((report) => report.runId === 'run-flood')?.report).not.toBeNull()
    expect(progress.at(-1)).toBe(records.length)
  })
})
