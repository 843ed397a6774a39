import { createChooser } from './chooser'
import { diagnoseRecords, expectationBroken } from './judge-case'
import type { MetamorphicCase } from './metamorphic-cases'
import type { SessionTransformation } from './session-transformation'

/** Which transformations change a case at all, and which of those leave its diagnosis as expected. */
export type TransformationsHeld = {
  applicable: string[]
  held: string[]
  /** The first counterexample of each transformation that did not hold. */
  broken: Record<string, string>
}

/** Seeds each transformation is tried with alone, in the suite and in the README's column alike. */
export const SEEDS_PER_TRANSFORMATION = 8

/**
 * Apply each transformation alone to a case with `seeds` fixed seeds (deterministic, so the
 * README's column is reproducible). A transformation that never changes the session (noise on
 * a refused upgrade) is not applicable and is not counted.
 */
export function transformationsHeld(
  testCase: MetamorphicCase,
  transformations: readonly SessionTransformation[],
  seeds = SEEDS_PER_TRANSFORMATION
): TransformationsHeld {
  const original = JSON.stringify(testCase.records)
  const result: TransformationsHeld = { applicable: [], held: [], broken: {} }
  for (const transformation of transformations) {
    let changed = false
    let broken: string | null = null
    for (let seed = 1; seed <= seeds && broken === null; seed++) {
      const records = transformation.apply(testCase.records, createChooser(seed * 7919))
      if (JSON.stringify(records) === original) continue
      changed = true
      const why = expectationBroken(diagnoseRecords(records, testCase.context), testCase.expected)
      if (why !== null) broken = `seed ${seed * 7919}: ${why}`
    }
    if (!changed) continue
    result.applicable.push(transformation.id)
    if (broken === null) result.held.push(transformation.id)
    else result.broken[transformation.id] = broken
  }
  return result
}
