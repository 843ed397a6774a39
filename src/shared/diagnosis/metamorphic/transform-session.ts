import type { FrameRecord } from '../../api/frame-record'
import { createChooser } from './chooser'
import type { SessionTransformation } from './session-transformation'

/** One step of a composition: a transformation and the seed of its choices. */
export type TransformationStep = { transformation: SessionTransformation; seed: number }

/** Apply the steps in order; the same steps on the same records always give the same records. */
export function transformSession(records: readonly FrameRecord[], steps: readonly TransformationStep[]): FrameRecord[] {
  return steps.reduce<FrameRecord[]>((current, step) => step.transformation.apply(current, createChooser(step.seed)), [...records])
}

/** `envelope#12 → names#7`: a composition as fast-check prints it in a counterexample. */
export function describeSteps(steps: readonly TransformationStep[]): string {
  return steps.length === 0 ? '(none)' : steps.map((step) => `${step.transformation.id}#${step.seed}`).join(' → ')
}
