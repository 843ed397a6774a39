import { describe, expect, it } from 'vitest'
import { COMPONENTS } from '../../shared/diagnosis/components'
import { EXPECTED_FAULT_DIAGNOSES } from '../../shared/diagnosis/expected-fault-diagnoses'
import { SANDBOX_FAULTS } from '../sandbox/faults/catalog'

// Lives in src/main because src/shared may not import the sandbox (lint-enforced).
describe('the expected-diagnosis table covers the sandbox fault catalog', () => {
  it('has an entry for every fault, and only for known faults and generations', () => {
    const ids = SANDBOX_FAULTS.map((fault) => fault.id)
    for (const id of ids) expect(EXPECTED_FAULT_DIAGNOSES[id], id).toBeDefined()
    for (const key of Object.keys(EXPECTED_FAULT_DIAGNOSES)) {
      const [id, generation] = key.split('@')
      expect(ids, key).toContain(id)
      if (generation !== undefined) expect(generation).toBe('component-codes')
    }
  })
  it('names real components and verdicts', () => {
    for (const expected of Object.values(EXPECTED_FAULT_DIAGNOSES)) {
      expect(COMPONENTS).toContain(expected.topComponent)
      expect(['healthy', 'degraded', 'failing']).toContain(expected.verdict)
    }
  })
})
