import { describe, expect, it } from 'vitest'
import { applyRecords, createSessionModel, cutOffAt, endRecords } from '../../session-model'
import { diagnose } from '../diagnose'
import { cleanScenario } from '../testing/fault-scenarios'

const clean = cleanScenario()
const records = clean.model.records
const askedAt = records.findIndex((record) => record.kind === 'message' && record.dir === 'out')
const closeAt = records.findIndex((record) => record.kind === 'close')

function fold(count: number, ended: boolean) {
  const model = applyRecords(createSessionModel('cut'), records.slice(0, count))
  return ended ? endRecords(model) : model
}

describe('a recording that ends without its close', () => {
  it('is cut off, never open and healthy, and names where it ends', () => {
    const model = fold(closeAt, true)
    expect(model.state).toBe('open')
    const cutOff = cutOffAt(model)
    expect(cutOff?.seq).toBe(records[closeAt - 1].seq)
    const diagnosis = diagnose(model, clean.context)
    expect(diagnosis.verdict).not.toBe('healthy')
    expect(diagnosis.findings[0].code).toBe('client.recording-cut-off')
    expect(diagnosis.summary).toMatch(/cut off — the recording ends at \d\d:\d\d:\d\d UTC \(\+[\d.]+ (ms|s)\) without a close/i)
    expect(diagnosis.summary).not.toMatch(/connection is open/)
  })

  it('is an error when it stops before the answer, a warning after it', () => {
    const beforeAnswer = diagnose(fold(askedAt + 2, true), clean.context)
    expect(beforeAnswer.verdict).toBe('failing')
    expect(beforeAnswer.findings[0]).toMatchObject({ code: 'client.recording-cut-off', severity: 'error' })
    // The answer-state rule does not blame the server for a recording that stopped.
    expect(beforeAnswer.findings.map((finding) => finding.code)).not.toContain('server.closed-before-answer')
    const afterAnswer = diagnose(fold(closeAt, true), clean.context)
    expect(afterAnswer.verdict).toBe('degraded')
    expect(afterAnswer.findings[0]).toMatchObject({ code: 'client.recording-cut-off', severity: 'warning' })
  })

  it('leaves a live session that is still connected open, and a closed recording alone', () => {
    const live = fold(closeAt, false)
    expect(cutOffAt(live)).toBeNull()
    expect(diagnose(live, clean.context).findings.map((finding) => finding.code)).not.toContain('client.recording-cut-off')
    const closed = fold(records.length, true)
    expect(cutOffAt(closed)).toBeNull()
    expect(diagnose(closed, clean.context)).toEqual(diagnose(fold(records.length, false), clean.context))
  })
})
