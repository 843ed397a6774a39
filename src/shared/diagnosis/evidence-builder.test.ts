import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { FrameRecord } from '../api/frame-record'
import { applyRecords, bulkStandIn, createSessionModel, RecordLog, type SessionModel } from '../session-model'
import { diagnose, diagnoseEvidence } from './diagnose'
import type { DiagnosisContext } from './diagnosis-types'
import { SessionEvidenceBuilder } from './evidence-builder'
import { readSessionEvidence } from './session-evidence'
import { FAULT_SCENARIOS } from './testing/fault-scenarios'

const SCENARIOS = Object.entries(FAULT_SCENARIOS).map(([name, make]) => ({ name, ...make() }))
const POOL: FrameRecord[] = SCENARIOS.flatMap((scenario) => scenario.model.records)

/** Batch sizes that cover `total` records: ones, a few, and big gulps. */
const splits = fc.array(fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 40 })), { minLength: 1, maxLength: 60 })

/** Feed `records` in batches of `sizes` (cycled); after every batch the builder must equal a whole-session read. */
function checkBatched(records: readonly FrameRecord[], sizes: number[], context: DiagnosisContext): SessionEvidenceBuilder {
  const builder = new SessionEvidenceBuilder()
  let model: SessionModel = createSessionModel('s')
  let at = 0
  for (let i = 0; at < records.length; i++) {
    const size = sizes[i % sizes.length]
    model = applyRecords(model, records.slice(at, at + size))
    at += size
    // Sometimes only read (as the worker does per batch), sometimes judge.
    if (i % 2 === 0) builder.update(model)
    else expect(builder.evidence(model, context)).toEqual(readSessionEvidence(model, context))
  }
  expect(builder.evidence(model, context)).toEqual(readSessionEvidence(model, context))
  expect(diagnoseEvidence(builder.evidence(model, context))).toEqual(diagnose(model, context))
  return builder
}

/** Records from anywhere, renumbered into one session with a rising clock. */
function renumber(records: readonly FrameRecord[], gaps: number[]): FrameRecord[] {
  let t = 0
  return records.map((record, seq) => {
    t += gaps[seq % gaps.length]
    return { ...record, seq, t }
  })
}

describe('SessionEvidenceBuilder: incremental evidence equals whole-session evidence', () => {
  it('for every fault scenario, over many random batch splits', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SCENARIOS), splits, (scenario, sizes) => {
        checkBatched(scenario.model.records, sizes, scenario.context)
      }),
      { numRuns: 300 }
    )
  })

  it('for arbitrary mixes of records (attempts, errors and frames in any order), over random splits', () => {
    const mix = fc.array(fc.constantFrom(...POOL), { maxLength: 80 })
    const gaps = fc.array(fc.nat(20_000), { minLength: 1, maxLength: 10 })
    fc.assert(
      fc.property(mix, gaps, splits, fc.constantFrom(...SCENARIOS), (picked, clock, sizes, scenario) => {
        checkBatched(renumber(picked, clock), sizes, scenario.context)
      }),
      { numRuns: 300 }
    )
  })

  it('reads each record once in a session whose attempts only grow', () => {
    const scenario = SCENARIOS.find((entry) => entry.model.attempts.length > 1) ?? SCENARIOS[0]
    const builder = checkBatched(scenario.model.records, [1], scenario.context)
    expect(builder.rereads).toBe(0)
  })

  it('reads the session again when an attempt record replaces the provisional first attempt', () => {
    const records = renumber(
      [
        { kind: 'error', dir: 'local', message: 'refused', code: null, seq: 0, t: 0 },
        { kind: 'ping', dir: 'in', opcode: 9, data: '', size: 0, seq: 0, t: 0 },
        { kind: 'attempt', dir: 'local', attempt: 2, of: 3, delayMs: 100, seq: 0, t: 0 },
        { kind: 'ping', dir: 'in', opcode: 9, data: '', size: 0, seq: 0, t: 0 }
      ],
      [10]
    )
    const builder = checkBatched(records, [1], { environmentKind: 'sandbox' })
    expect(builder.rereads).toBe(1)
  })

  it('following a RecordLog beside a model that keeps no records, reads the same attempts as a whole-session read', () => {
    // Bulk output frames as the worker is fed them (their stand-in text), which the log keeps as numbers.
    const standIns = ['stream_chunk', 'partial_result'].map(
      (type): FrameRecord => ({ seq: 0, t: 0, dir: 'in', kind: 'message', opcode: 1, encoding: 'utf8', data: bulkStandIn(type), size: 1010 })
    )
    const mix = fc.array(fc.constantFrom(...POOL, ...standIns, ...standIns, ...standIns), { maxLength: 80 })
    const gaps = fc.array(fc.nat(20_000), { minLength: 1, maxLength: 10 })
    fc.assert(
      fc.property(mix, gaps, splits, fc.constantFrom(...SCENARIOS), (picked, clock, sizes, scenario) => {
        const records = renumber(picked, clock)
        const log = new RecordLog()
        const builder = new SessionEvidenceBuilder(log)
        let model = createSessionModel('s', { retainRecords: false })
        let at = 0
        for (let i = 0; at < records.length; i++) {
          const batch = records.slice(at, at + sizes[i % sizes.length])
          const firstRow = model.rows.length
          model = applyRecords(model, batch)
          batch.forEach((record, k) => log.append(record, model.rows.labelAt(firstRow + k)))
          at += batch.length
          const whole = readSessionEvidence(applyRecords(createSessionModel('s'), records.slice(0, at)), scenario.context)
          const read = builder.evidence(model, scenario.context)
          expect(read.attempts).toEqual(whole.attempts)
          expect(read.lastT).toBe(whole.lastT)
        }
      }),
      { numRuns: 200 }
    )
  })
})
