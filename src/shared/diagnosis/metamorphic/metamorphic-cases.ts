import type { FrameRecord } from '../../api/frame-record'
import type { DiagnosisContext } from '../diagnosis-types'
import { EXPECTED_FAULT_DIAGNOSES, type ExpectedFaultDiagnosis } from '../expected-fault-diagnoses'
import { FAULT_SCENARIOS } from '../testing/fault-scenarios'
import { sandboxHealth, type WireGeneration } from '../testing/sandbox-wire'
import { SessionBuilder } from '../testing/session-builder'

/** What a case must keep: a fault's top component and verdict, or healthy with no warnings. */
export type Expectation = ExpectedFaultDiagnosis | 'healthy'

/** A recorded session, the context it is judged in, and what its diagnosis must stay. */
export type MetamorphicCase = {
  key: string
  records: readonly FrameRecord[]
  context: DiagnosisContext
  expected: Expectation
}

/** The agent orders triage may choose (PROTOCOL.md §4). */
const TRIAGE_ORDERS: Record<string, string[]> = {
  sufficient: ['triage', 'data', 'optimization', 'actions', 'reporting'],
  partial: ['triage', 'data_helper', 'data', 'reporting'],
  insufficient: ['triage', 'data_helper', 'reporting'],
  unknown: ['data_helper', 'reporting']
}

const GENERATIONS: WireGeneration[] = ['beta-10', 'component-codes', 'beta-17']

/** A healthy sandbox session of one generation and triage order: a complete run, a polite close. */
function healthySession(generation: WireGeneration, agents: string[]): SessionBuilder {
  const builder = new SessionBuilder({ kind: 'sandbox', name: 'Sandbox', wrapped: generation === 'beta-10' }).start().token().reachable()
  return sandboxHealth(builder, new Set(), generation)
    .wait(5)
    .accepted()
    .wait(2)
    .greeting()
    .wait(5)
    .ask()
    .wait(3)
    .run(agents)
    .wait(10)
    .close(1000, 'probe complete', 'client')
}

/** Healthy sessions: every generation's wire × every triage order. */
export function healthyCases(): MetamorphicCase[] {
  return GENERATIONS.flatMap((generation) =>
    Object.entries(TRIAGE_ORDERS).map(([order, agents]) => {
      const builder = healthySession(generation, agents)
      return {
        key: `healthy@${generation}/${order}`,
        records: builder.records,
        context: { environmentKind: 'sandbox' as const, elapsedMs: builder.now },
        expected: 'healthy' as const
      }
    })
  )
}

/** One case per row of the expected fault table, from the hand-built fault scenarios. */
export function faultCases(): MetamorphicCase[] {
  return Object.entries(EXPECTED_FAULT_DIAGNOSES).map(([key, expected]) => {
    const { model, context } = FAULT_SCENARIOS[key]()
    return { key, records: model.records, context, expected }
  })
}
