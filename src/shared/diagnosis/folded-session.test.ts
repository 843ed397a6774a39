import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { FrameRecord } from '../api/frame-record'
import { applyRecords, bulkStandIn, createSessionModel, endRecords } from '../session-model'
import { diagnoseSession, type SessionDiagnosisOptions } from './diagnose-session'
import { FoldedSession } from './folded-session'
import { readSessionEvidence } from './session-evidence'
import { FAULT_SCENARIOS } from './testing/fault-scenarios'

const SCENARIOS = Object.entries(FAULT_SCENARIOS).map(([name, make]) => ({ name, ...make() }))

/** Bulk output frames as the diagnosis worker and the HAR's verdict are fed them: their stand-in text. */
const STAND_INS: FrameRecord[] = ['stream_chunk', 'partial_result'].map((type) => ({
  seq: 0,
  t: 0,
  dir: 'in',
  kind: 'message',
  opcode: 1,
  encoding: 'utf8',
  data: bulkStandIn(type),
  size: 1010
}))
const POOL: FrameRecord[] = [...SCENARIOS.flatMap((scenario) => scenario.model.records), ...STAND_INS, ...STAND_INS]

const splits = fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 30 })

/** Records from anywhere, renumbered into one session with a rising clock. */
function renumber(records: readonly FrameRecord[], gaps: number[]): FrameRecord[] {
  let t = 0
  return records.map((record, seq) => {
    t += gaps[seq % gaps.length]
    return { ...record, seq, t }
  })
}

/** Fold `records` in batches of `sizes` (cycled), judging after some; each judgement must equal a model that kept every record. */
function checkFolded(records: readonly FrameRecord[], sizes: number[], options: SessionDiagnosisOptions): FoldedSession {
  const folded = new FoldedSession('s')
  let at = 0
  for (let i = 0; at < records.length; i++) {
    const size = sizes[i % sizes.length]
    folded.add(records.slice(at, at + size))
    at += size
    if (i % 3 === 2) expect(folded.diagnose(options)).toEqual(diagnoseSession(applyRecords(createSessionModel('s'), records.slice(0, at)), options))
  }
  const full = applyRecords(createSessionModel('s'), records)
  expect(folded.diagnose(options)).toEqual(diagnoseSession(full, options))
  expect(folded.diagnose(options, true)).toEqual(diagnoseSession(endRecords(full), options))
  expect(folded.model.records).toEqual([])
  expect(folded.model.rows.length).toBe(full.rows.length)
  return folded
}

describe('FoldedSession: the diagnosis of a model that keeps no records', () => {
  it('equals the diagnosis of a model that kept every record, for every fault scenario over random splits', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SCENARIOS), splits, (scenario, sizes) => {
        checkFolded(scenario.model.records, sizes, { nowMs: scenario.context.nowMs ?? undefined, sla: scenario.context.sla })
      }),
      { numRuns: 200 }
    )
  })

  it('equals it for arbitrary mixes of records and bulk stand-ins (attempts read again included), over random splits', () => {
    const mix = fc.array(fc.constantFrom(...POOL), { maxLength: 120 })
    const gaps = fc.array(fc.nat(20_000), { minLength: 1, maxLength: 10 })
    fc.assert(
      fc.property(mix, gaps, splits, fc.option(fc.nat(10_000_000), { nil: undefined }), (picked, clock, sizes, now) => {
        checkFolded(renumber(picked, clock), sizes, { nowMs: now === undefined ? undefined : Date.UTC(2025, 8, 1) + now })
      }),
      { numRuns: 300 }
    )
  })

  it('equals it for a flood of stand-ins in a live session, with records already applied sent again', () => {
    const scenario = SCENARIOS.find((entry) => entry.name === 'slow-llm')
    if (!scenario) throw new Error('no slow-llm scenario')
    const head = scenario.model.records
    const flood = renumber([...head, ...Array.from({ length: 5_000 }, (_, i) => STAND_INS[i % 2])], [3])
    const folded = new FoldedSession('s')
    // Overlapping batches, as a backlog fetch overlaps live pushes: what was applied is skipped.
    for (let at = 0; at < flood.length; at += 700) folded.add(flood.slice(Math.max(0, at - 50), at + 700))
    expect(folded.diagnose({ nowMs: Date.UTC(2030, 0, 1) })).toEqual(diagnoseSession(applyRecords(createSessionModel('s'), flood), { nowMs: Date.UTC(2030, 0, 1) }))
    expect(folded.model.rows.length).toBe(flood.length)
  })

  it('equals it when an attempt record replaces the provisional first attempt after stand-ins (the evidence is read again)', () => {
    const records = renumber(
      [
        { kind: 'error', dir: 'local', message: 'refused', code: null, seq: 0, t: 0 },
        STAND_INS[0],
        { kind: 'ping', dir: 'in', opcode: 9, data: '', size: 0, seq: 0, t: 0 },
        { kind: 'attempt', dir: 'local', attempt: 2, of: 3, delayMs: 100, seq: 0, t: 0 },
        STAND_INS[1],
        STAND_INS[0]
      ],
      [10]
    )
    checkFolded(records, [1], {})
    checkFolded(records, [2, 1], { nowMs: Date.UTC(2030, 0, 1) })
  })

  it('refuses to read a model that keeps no records without its log, instead of judging it empty', () => {
    const folded = new FoldedSession('s')
    folded.add(SCENARIOS[0].model.records)
    expect(() => readSessionEvidence(folded.model, { environmentKind: 'sandbox' })).toThrow(/keeps no records/)
  })
})
