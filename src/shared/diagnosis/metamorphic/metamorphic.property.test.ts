import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { TRANSFORMATIONS } from './catalogue'
import { diagnoseRecords, expectationBroken } from './judge-case'
import { faultCases, healthyCases } from './metamorphic-cases'
import { metamorphicSuiteSize } from './metamorphic-suite-size'
import { describeSteps, transformSession, type TransformationStep } from './transform-session'
import { SEEDS_PER_TRANSFORMATION, transformationsHeld } from './transformations-held'

/**
 * The metamorphic suite: wire-preserving transformations (./catalogue.ts) never change the
 * diagnosis. For every fault of the expected table and for healthy sessions of every generation
 * and triage order, each transformation alone and any composition of them (any order, repeats
 * allowed) keeps the top component and the verdict — and a healthy session healthy, with no warnings.
 */
const cases = [...healthyCases(), ...faultCases()]
const { runs, seed } = metamorphicSuiteSize()
const runsPerCase = Math.max(1, Math.ceil(runs / cases.length))
const SEEDS_ALONE = SEEDS_PER_TRANSFORMATION
let ran = 0

/** A step as fast-check prints it in a counterexample: the transformation's id and its seed. */
type StepSpec = { id: string; seed: number }
const IDS = TRANSFORMATIONS.map((transformation) => transformation.id)
const seedArbitrary = fc.integer({ min: 0, max: 2 ** 31 - 1 })
/** Any sequence of steps (repeats allowed), or every transformation once in a random order. */
const composition: fc.Arbitrary<StepSpec[]> = fc.oneof(
  fc.array(fc.record({ id: fc.constantFrom(...IDS), seed: seedArbitrary }), { minLength: 1, maxLength: 12 }),
  fc
    .tuple(fc.shuffledSubarray(IDS, { minLength: IDS.length }), fc.array(seedArbitrary, { minLength: IDS.length, maxLength: IDS.length }))
    .map(([order, seeds]) => order.map((id, i) => ({ id, seed: seeds[i] })))
)
const stepsOf = (specs: StepSpec[]): TransformationStep[] =>
  specs.map((spec) => ({ transformation: TRANSFORMATIONS.find((transformation) => transformation.id === spec.id) as TransformationStep['transformation'], seed: spec.seed }))

afterAll(() => {
  console.log(`metamorphic suite: ${ran} transformed sessions diagnosed (${cases.length} sessions × (${TRANSFORMATIONS.length} transformations × ${SEEDS_ALONE} seeds alone + ${runsPerCase} compositions)); seed ${seed}`)
})

describe.each(cases.map((testCase) => [testCase.key, testCase] as const))('%s', (_key, testCase) => {
  it('is diagnosed as expected untransformed, and under each transformation alone', () => {
    expect(expectationBroken(diagnoseRecords(testCase.records, testCase.context), testCase.expected)).toBeNull()
    const held = transformationsHeld(testCase, TRANSFORMATIONS, SEEDS_ALONE)
    ran += TRANSFORMATIONS.length * SEEDS_ALONE
    expect(held.broken).toEqual({})
  })

  it('keeps its diagnosis under any composition of transformations', () => {
    fc.assert(
      fc.property(composition, (specs) => {
        ran++
        const steps = stepsOf(specs)
        const why = expectationBroken(diagnoseRecords(transformSession(testCase.records, steps), testCase.context), testCase.expected)
        if (why !== null) throw new Error(`${describeSteps(steps)}: ${why}`)
      }),
      { numRuns: runsPerCase, seed }
    )
  }, Math.max(20_000, runsPerCase * 25))
})
