import { describe, expect, it } from 'vitest'
import { diagnose } from './diagnose'
import { EXPECTED_FAULT_DIAGNOSES } from './expected-fault-diagnoses'
import { FAULT_SCENARIOS, cleanScenario } from './testing/fault-scenarios'

describe('expected diagnosis of every sandbox fault, on hand-built sessions mirroring the sandbox README', () => {
  it('has exactly one scenario per expected entry', () => {
    expect(Object.keys(FAULT_SCENARIOS).sort()).toEqual(Object.keys(EXPECTED_FAULT_DIAGNOSES).sort())
  })
  for (const [key, expected] of Object.entries(EXPECTED_FAULT_DIAGNOSES)) {
    it(`${key} → ${expected.topComponent}, ${expected.verdict}`, () => {
      const { model, context } = FAULT_SCENARIOS[key]()
      const diagnosis = diagnose(model, context)
      const top = diagnosis.findings[0]
      expect(
        { top: top?.component, verdict: diagnosis.verdict },
        `${top?.code}: ${diagnosis.summary}\n${diagnosis.findings.map((f) => `${f.severity} ${f.code}`).join('\n')}`
      ).toEqual({ top: expected.topComponent, verdict: expected.verdict })
      expect(diagnosis.components[expected.topComponent].status).not.toBe('ok')
    })
  }
  it('a fault-free sandbox session is healthy with no errors or warnings', () => {
    for (const generation of ['beta-17', 'component-codes', 'beta-10'] as const) {
      const { model, context } = cleanScenario(generation)
      const diagnosis = diagnose(model, context)
      expect(
        diagnosis.findings.filter((finding) => finding.severity !== 'info'),
        generation
      ).toEqual([])
      expect(diagnosis.verdict).toBe('healthy')
      expect(diagnosis.summary).toMatch(/^Healthy: connected to Sandbox/)
    }
  })
})
