import type { FrameRecord } from '../../api/frame-record'
import type { DiagnosisContext } from '../diagnosis-types'
import { EXPECTED_FAULT_DIAGNOSES, type ExpectedFaultDiagnosis } from '../expected-fault-diagnoses'
import { FAULT_SCENARIOS } from '../testing/fault-scenarios'
import { sandboxHealth, type WireGeneration } from '../testing/sandbox-wire'
import { SessionBuilder, WALL_CLOCK } from '../testing/session-builder'

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

/** The wire generations a recorded healthy session is built in; `handshake` is beta-17 plus its handshake. */
const GENERATIONS = ['beta-10', 'component-codes', 'beta-17', 'handshake'] as const

/** The newest servers' `handshake_response` announcing the run the first message will use, and the client's answer. */
function handshake(builder: SessionBuilder): SessionBuilder {
  return builder
    .incoming({
      type: 'handshake_response',
      data: { thread_id: 'thread_1', run_id: 'run_1', request_id: 'req_1', session_token: '«redacted»', message: 'Handshake complete' },
      timestamp: WALL_CLOCK / 1000 + 0.02,
      server_id: null,
      correlation_id: null
    })
    .wait(1)
    .outgoing({ type: 'handshake_acknowledged', timestamp: WALL_CLOCK / 1000 + 0.021 })
    .wait(2)
}

/** A healthy sandbox session of one generation and triage order: a complete run, a polite close. */
function healthySession(generation: (typeof GENERATIONS)[number], agents: string[]): SessionBuilder {
  const wire: WireGeneration = generation === 'handshake' ? 'beta-17' : generation
  const builder = new SessionBuilder({ kind: 'sandbox', name: 'Sandbox', wrapped: generation === 'beta-10' }).start().token().reachable()
  const greeted = sandboxHealth(builder, new Set(), wire).wait(5).accepted().wait(2).greeting().wait(5)
  return (generation === 'handshake' ? handshake(greeted) : greeted)
    .ask()
    .wait(3)
    .run(agents)
    .wait(10)
    .close(1000, 'probe complete', 'client')
}

/** Healthy sessions: every generation's wire (beta-10, component-codes, beta-17, handshake) × every triage order. */
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
