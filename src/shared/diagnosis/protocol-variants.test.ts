import { describe, expect, it } from 'vitest'
import { PREFLIGHT_NAMES } from './preflight-vocabulary'
import { diagnoseBuilt } from './testing/diagnose-built'
import { SessionBuilder, WALL_CLOCK } from './testing/session-builder'

// A healthy run as PROTOCOL.md §3–4 allows it, written as plain facts so each test can put it
// on the wire its own way: the Supervisor wraps with two events, reporting calls no tool.
type Fact = { type: string; agent: string; tool?: string; data?: Record<string, unknown> }

const AGENTS = { supervisor: 'Supervisor', triage: 'triage', helper: 'data_helper', reporting: 'reporting' }
type Names = typeof AGENTS

function healthyRun(names: Names = AGENTS): Fact[] {
  const five = (agent: string, tool: string): Fact[] => [
    { type: 'agent_started', agent, data: { status: 'started' } },
    { type: 'agent_thinking', agent, data: { reasoning: 'thinking', step_number: 1 } },
    { type: 'tool_executing', agent, tool, data: { parameters: {} } },
    { type: 'tool_completed', agent, tool, data: { result: { success: true } } },
    { type: 'agent_completed', agent, data: { result: { success: true } } }
  ]
  return [
    { type: 'agent_started', agent: names.supervisor },
    ...five(names.triage, 'triage_tool'),
    ...five(names.helper, 'data_helper'),
    { type: 'agent_started', agent: names.reporting },
    { type: 'agent_thinking', agent: names.reporting },
    { type: 'agent_completed', agent: names.reporting, data: { result: { report_content: 'r', completion_status: 'complete' } } },
    { type: 'agent_completed', agent: names.supervisor, data: { result: { orchestration_successful: true } } }
  ]
}

type Ids = { runId: string | null; threadId: string | null }
type Shape = 'standard' | 'flat' | 'system_message' | 'agent_progress'
type Clock = 'epoch' | 'iso'

function onWire(fact: Fact, ids: Ids, shape: Shape, clock: Clock, at: number): Record<string, unknown> {
  const timestamp = clock === 'epoch' ? (WALL_CLOCK + at) / 1000 : new Date(WALL_CLOCK + at).toISOString()
  const idFields: Record<string, unknown> = { user_id: 'sandbox-user-001' }
  if (ids.runId) idFields.run_id = ids.runId
  if (ids.threadId) idFields.thread_id = ids.threadId
  const fields = { ...idFields, agent_name: fact.agent, ...(fact.tool ? { tool_name: fact.tool } : {}) }
  const data = fact.data ?? {}
  switch (shape) {
    case 'standard':
      return { type: fact.type, data: { ...fields, ...data }, timestamp, server_id: null, correlation_id: null }
    case 'flat':
      return { type: fact.type, ...fields, timestamp, data }
    case 'system_message':
      return { type: 'system_message', data: { event: fact.type, ...fields, ...data }, timestamp }
    case 'agent_progress':
      return { type: 'agent_progress', data: { event: fact.type, payload: { ...fields, ...data } }, timestamp }
  }
}

type Options = {
  names?: Names
  ids?: Ids
  shape?: (index: number) => Shape
  clock?: (index: number) => Clock
  /** Extra frames before the fact at this index. */
  noise?: (index: number, builder: SessionBuilder) => void
  /** Another run's facts to interleave, fact by fact. */
  interleave?: { ids: Ids; facts: Fact[] }
  kind?: 'sandbox' | 'local' | 'staging'
  tokenEnv?: string
  preflight?: (builder: SessionBuilder) => void
}

function healthySession(options: Options = {}): SessionBuilder {
  const builder = new SessionBuilder({ kind: options.kind ?? 'sandbox', name: 'Server', url: 'ws://127.0.0.1:8000/ws' })
    .start()
    .token(options.tokenEnv ? { env: options.tokenEnv } : {})
    .reachable()
  options.preflight?.(builder)
  builder.wait(5).accepted().wait(2).greeting().wait(5).ask().wait(3)
  const ids = options.ids ?? { runId: 'run_1', threadId: 'thread_1' }
  const facts = healthyRun(options.names)
  const other = options.interleave
  facts.forEach((fact, index) => {
    options.noise?.(index, builder)
    builder.incoming(onWire(fact, ids, options.shape?.(index) ?? 'flat', options.clock?.(index) ?? 'iso', builder.now)).wait(20)
    const extra = other?.facts[index]
    if (other && extra) builder.incoming(onWire(extra, other.ids, 'flat', 'iso', builder.now)).wait(20)
  })
  return builder.wait(10).close(1000, 'probe complete', 'client')
}

/** Healthy, with nothing but notes. */
function expectHealthy(builder: SessionBuilder, kind: 'sandbox' | 'local' | 'staging' = 'sandbox'): void {
  const diagnosis = diagnoseBuilt(builder, { environmentKind: kind })
  expect(diagnosis.findings.filter((finding) => finding.severity !== 'info').map((finding) => `${finding.code}: ${finding.title}`)).toEqual([])
  expect(diagnosis.verdict).toBe('healthy')
  expect(diagnosis.awaiting).toBeNull()
}

describe('a healthy session stays healthy, with no warnings, however the server puts it on the wire', () => {
  it('the protocol-minimal run: Supervisor wrapping with two events, an agent without tools', () => {
    expectHealthy(healthySession())
  })

  it.each(['standard', 'flat', 'system_message', 'agent_progress'] as const)('every event in the %s envelope', (shape) => {
    expectHealthy(healthySession({ shape: () => shape }))
  })

  it('several envelope shapes mixed in one stream', () => {
    const shapes: Shape[] = ['flat', 'standard', 'system_message', 'agent_progress']
    expectHealthy(healthySession({ shape: (index) => shapes[index % shapes.length] }))
    expectHealthy(healthySession({ shape: (index) => shapes[(index * 7 + 3) % shapes.length] }))
  })

  it('epoch-seconds and ISO timestamps, alone or mixed', () => {
    expectHealthy(healthySession({ clock: () => 'epoch' }))
    expectHealthy(healthySession({ clock: (index) => (index % 2 === 0 ? 'epoch' : 'iso') }))
  })

  it.each([
    ['beta snake_case', { supervisor: 'supervisor_agent', triage: 'triage_agent', helper: 'data_helper_agent', reporting: 'reporting_agent' }],
    ['class names', { supervisor: 'SupervisorAgent', triage: 'TriageSubAgent', helper: 'DataHelperAgent', reporting: 'ReportingSubAgent' }],
    ['display names', { supervisor: 'Supervisor Agent', triage: 'Triage Agent', helper: 'Data Helper', reporting: 'Reporting' }],
    ['lower case', { supervisor: 'supervisor', triage: 'triage', helper: 'datahelper', reporting: 'reporting' }],
    ['short class names', { supervisor: 'Supervisor', triage: 'Triage', helper: 'DataHelper', reporting: 'ReportingSubAgent' }]
  ])('agent names spelled as %s', (_generation, names) => {
    expectHealthy(healthySession({ names }))
  })

  it('heartbeats, pongs, acks, backend_log, cleanup and unknown types interleaved', () => {
    const noise = (index: number, builder: SessionBuilder): void => {
      const frames = [
        { type: 'heartbeat', data: { timestamp: 1 } },
        { type: 'pong', timestamp: 1 },
        { type: 'backend_log', data: { level: 'info', message: 'step', run_id: 'run_1' } },
        { type: 'ack', received_type: 'ping', status: 'acknowledged' },
        { type: 'mystery_event_from_the_future', data: { anything: true } },
        { type: 'progress_update', run_id: 'run_1', data: { progress: 50 } },
        { type: 'cleanup_started', data: {} }
      ]
      builder.incoming(frames[index % frames.length])
      if (index % 3 === 0) builder.push({ kind: 'ping', dir: 'in', opcode: 9, data: '', size: 0 })
      if (index % 4 === 0) builder.outgoing({ type: 'ping', timestamp: 1 })
    }
    expectHealthy(healthySession({ noise }))
  })

  it('events with only thread_id, and with neither id, group into one run and owe nothing extra', () => {
    expectHealthy(healthySession({ ids: { runId: null, threadId: 'thread_9' } }))
    expectHealthy(healthySession({ ids: { runId: null, threadId: null } }))
  })

  it('events that carry run_id on some frames and only thread_id on others stay one run', () => {
    expectHealthy(healthySession({ ids: { runId: 'run_1', threadId: 'thread_1' }, shape: () => 'flat', noise: () => undefined }))
    const builder = healthySession({ ids: { runId: 'run_1', threadId: 'thread_1' } })
    // Strip run_id from every tool event: they still belong to run_1 through its thread.
    const stripped = new SessionBuilder()
    for (const record of builder.records) {
      if (record.kind === 'message' && /"tool_/.test(record.data)) {
        const value = JSON.parse(record.data) as Record<string, unknown>
        delete value.run_id
        const data = JSON.stringify(value)
        stripped.records.push({ ...record, data, size: data.length })
      } else stripped.records.push(record)
    }
    expect(diagnoseBuilt(stripped, { elapsedMs: builder.now }).findings.filter((finding) => finding.severity !== 'info')).toEqual([])
  })

  it('an unrelated run interleaved, event by event', () => {
    expectHealthy(healthySession({ interleave: { ids: { runId: 'run_other', threadId: 'thread_2' }, facts: healthyRun() } }))
    // Even one with another spelling of every agent.
    const names = { supervisor: 'supervisor_agent', triage: 'TriageSubAgent', helper: 'DataHelper', reporting: 'ReportingSubAgent' }
    expectHealthy(healthySession({ interleave: { ids: { runId: 'run_other', threadId: 'thread_2' }, facts: healthyRun(names) } }))
  })

  it('the server reporting another environment than the URL suggests (staging port-forwarded to 127.0.0.1)', () => {
    const staging = (builder: SessionBuilder): void => {
      builder.http(PREFLIGHT_NAMES.ready, 200, { status: 'ready', environment: 'staging', core_db: 'connected' })
    }
    const builder = healthySession({ kind: 'local', tokenEnv: 'staging', preflight: staging })
    expectHealthy(builder, 'local')
    const diagnosis = diagnoseBuilt(builder, { environmentKind: 'local' })
    expect(diagnosis.findings).toEqual([
      expect.objectContaining({ code: 'server.environment-reported', severity: 'info', confidence: 'certain' })
    ])
    expect(diagnosis.findings[0].evidence[0].value).toBe('environment staging, reported by GET /health/ready')
  })
})

describe('…while a real fault still shows under the same variations (controls)', () => {
  const withoutToolCompleted = (options: Options): SessionBuilder => {
    const builder = healthySession(options)
    const dropped = new SessionBuilder()
    let skipped = false
    for (const record of builder.records) {
      if (!skipped && record.kind === 'message' && /tool_completed/.test(record.data) && /data_helper/.test(record.data)) {
        skipped = true
        continue
      }
      dropped.records.push(record)
    }
    return dropped
  }

  it.each(['standard', 'flat', 'system_message', 'agent_progress'] as const)('a lost tool_completed in the %s envelope is the agent bridge', (shape) => {
    for (const ids of [{ runId: 'run_1', threadId: 'thread_1' }, { runId: null, threadId: 'thread_1' }, { runId: null, threadId: null }]) {
      const diagnosis = diagnoseBuilt(withoutToolCompleted({ shape: () => shape, ids }))
      expect(diagnosis.findings[0], JSON.stringify(ids)).toMatchObject({ component: 'agent-bridge', code: 'agent-bridge.missing-critical-events' })
      expect(diagnosis.verdict).toBe('degraded')
    }
  })

  it('a token for another environment than the server reports is noted, as the server said it', () => {
    const staging = (builder: SessionBuilder): void => {
      builder.http(PREFLIGHT_NAMES.wsConfig, 200, { config: { environment: 'stg' } })
    }
    const diagnosis = diagnoseBuilt(healthySession({ kind: 'local', tokenEnv: 'development', preflight: staging }), { environmentKind: 'local' })
    expect(diagnosis.findings.find((finding) => finding.code === 'auth.token-wrong-env')).toMatchObject({
      severity: 'info',
      confidence: 'certain',
      evidence: expect.arrayContaining([expect.objectContaining({ value: 'environment staging, reported by GET /ws/config' })])
    })
    expect(diagnosis.verdict).toBe('healthy')
  })
})
