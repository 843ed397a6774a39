import { TRANSFORMATIONS } from './catalogue'
import { faultCases, healthyCases } from './metamorphic-cases'
import { transformationsHeld } from './transformations-held'

/** How many transformations a session keeps its diagnosis under, of those that change it at all. */
export type HoldsUnder = { held: number; applicable: number; broken: string[] }

/**
 * For every row of the expected fault table (and for healthy sessions as one row, `healthy`,
 * holding only where all of them hold): each transformation alone, as the metamorphic suite
 * runs it. Deterministic, so the README's column is reproducible.
 */
export function holdsUnderByFault(): Record<string, HoldsUnder> {
  const out: Record<string, HoldsUnder> = {}
  for (const testCase of faultCases()) {
    const result = transformationsHeld(testCase, TRANSFORMATIONS)
    out[testCase.key] = { held: result.held.length, applicable: result.applicable.length, broken: Object.keys(result.broken) }
  }
  const healthy = healthyCases().map((testCase) => transformationsHeld(testCase, TRANSFORMATIONS))
  const applicable = new Set(healthy.flatMap((result) => result.applicable))
  const broken = new Set(healthy.flatMap((result) => Object.keys(result.broken)))
  out.healthy = { held: [...applicable].filter((id) => !broken.has(id)).length, applicable: applicable.size, broken: [...broken] }
  return out
}
