import { describe, expect, it } from 'vitest'
import { diagnoseBuilt, startedSession } from '../testing/diagnose-built'
import { SessionBuilder } from '../testing/session-builder'

const asked = () => startedSession(new SessionBuilder()).accepted().greeting().ask().wait(2)
const finish = (builder: SessionBuilder) => diagnoseBuilt(builder.close(1000, 'probe complete', 'client'))

/** Send one flat agent event of `run_1` and step the clock. */
function send(builder: SessionBuilder, type: string, agent: string, extra: Record<string, unknown> = {}): SessionBuilder {
  return builder.agentEvent(type, 'run_1', agent, 'sandbox-user-001', extra).wait(10)
}

/** An agent's own five events, or just its start and completion when it calls no tool. */
function agent(builder: SessionBuilder, name: string, tools = true): SessionBuilder {
  send(builder, 'agent_started', name)
  send(builder, 'agent_thinking', name)
  if (tools) {
    send(builder, 'tool_executing', name)
    send(builder, 'tool_completed', name)
  }
  return send(builder, 'agent_completed', name)
}

/** The Supervisor of PROTOCOL.md §4: only its own start and completion around the agents. */
function wrapped(builder: SessionBuilder, agents: Array<[string, boolean]>, supervisor = 'Supervisor'): SessionBuilder {
  send(builder, 'agent_started', supervisor)
  for (const [name, tools] of agents) agent(builder, name, tools)
  return send(builder, 'agent_completed', supervisor, { result: { orchestration_successful: true } })
}

const noWarnings = (diagnosis: ReturnType<typeof diagnoseBuilt>) =>
  diagnosis.findings.filter((finding) => finding.severity !== 'info')

describe('run rules: critical events are owed per run and per pair, not per agent', () => {
  it('a Supervisor wrapping the run with only agent_started and agent_completed is healthy', () => {
    const diagnosis = finish(wrapped(asked(), [['triage', true], ['data_helper', true], ['reporting', true]]))
    expect(noWarnings(diagnosis)).toEqual([])
    expect(diagnosis.verdict).toBe('healthy')
  })

  it('agents that call no tool send no tool events, and owe none', () => {
    const diagnosis = finish(wrapped(asked(), [['triage', false], ['data_helper', true], ['reporting', false]]))
    expect(noWarnings(diagnosis)).toEqual([])
  })

  it('a completed run missing a type altogether (no tool event from anyone): the agent bridge lost it', () => {
    const diagnosis = finish(wrapped(asked(), [['triage', false], ['reporting', false]]))
    expect(diagnosis.findings[0]).toMatchObject({
      component: 'agent-bridge',
      code: 'agent-bridge.missing-critical-events',
      severity: 'warning',
      confidence: 'possible'
    })
    expect(diagnosis.findings[0].evidence[0].value).toBe('no tool_executing, tool_completed from any agent')
    expect(diagnosis.verdict).toBe('degraded')
  })

  it('a tool_executing never answered by a tool_completed before its agent completed: agent bridge', () => {
    const diagnosis = finish(
      asked().run(['triage', { name: 'data_helper', skip: ['tool_completed', 'agent_thinking'] }, 'reporting'])
    )
    expect(diagnosis.findings[0]).toMatchObject({ component: 'agent-bridge', code: 'agent-bridge.missing-critical-events' })
    expect(diagnosis.findings[0].evidence).toEqual([
      expect.objectContaining({ label: 'data_helper', value: 'tool_executing data_helper_tool never answered by tool_completed' })
    ])
    // The answer arrived: degraded, not failing.
    expect(diagnosis.verdict).toBe('degraded')
  })

  it('a tool_completed of another tool does not answer the tool_executing', () => {
    const builder = asked()
    send(builder, 'agent_started', 'Supervisor')
    send(builder, 'agent_started', 'triage')
    send(builder, 'agent_thinking', 'triage')
    for (const [type, tool] of [['tool_executing', 'cost_lookup'], ['tool_completed', 'usage_lookup']])
      builder.incoming({ type, run_id: 'run_1', user_id: 'sandbox-user-001', agent_name: 'triage', tool_name: tool, data: {} })
    send(builder, 'agent_completed', 'triage')
    send(builder, 'agent_completed', 'Supervisor')
    const evidence = finish(builder).findings.find((finding) => finding.code === 'agent-bridge.missing-critical-events')?.evidence
    expect(evidence?.map((item) => item.value)).toContain('tool_executing cost_lookup never answered by tool_completed')
  })

  it('an agent_started closed by an error event is closed: the error explains the run, not the bridge', () => {
    const diagnosis = finish(
      asked().run([
        'triage',
        { name: 'data_helper', stopAfter: 'tool_executing', then: { type: 'agent_error', data: { status: 'error', error_message: 'boom' } } }
      ])
    )
    expect(diagnosis.codes).not.toContain('agent-bridge.missing-critical-events')
    expect(diagnosis.findings[0]).toMatchObject({ code: 'agent-supervisor.agent-error', severity: 'error' })
  })

  it('an agent_started never closed in a completed run is owed its completion', () => {
    const builder = asked()
    send(builder, 'agent_started', 'Supervisor')
    agent(builder, 'triage')
    send(builder, 'agent_started', 'reporting')
    send(builder, 'agent_thinking', 'reporting')
    send(builder, 'agent_completed', 'Supervisor')
    const found = finish(builder).findings.find((finding) => finding.code === 'agent-bridge.missing-critical-events')
    expect(found?.evidence).toContainEqual(
      expect.objectContaining({ label: 'reporting', value: 'agent_started never closed by agent_completed or an error' })
    )
  })

  it('run-scoped housekeeping (handshake generation) owes no critical events', () => {
    const builder = asked()
      .incoming({
        type: 'handshake_response',
        data: { thread_id: 't', run_id: 'run_1', request_id: 'q', session_token: 's', message: 'ack please' }
      })
      .incoming({ type: 'backend_log', data: { level: 'info', message: 'Run started', run_id: 'run_1' } })
      .run(['triage', 'data_helper', 'reporting'])
      .incoming({ type: 'backend_log', data: { level: 'info', message: 'Run completed', run_id: 'run_1' } })
    expect(finish(builder).verdict).toBe('healthy')
  })

  it('an agent cut short by a close is not blamed for missing events', () => {
    const diagnosis = diagnoseBuilt(
      asked()
        .run(['triage', { name: 'data_helper', stopAfter: 'tool_executing' }])
        .close(1012, 'Service restart', 'server')
    )
    expect(diagnosis.codes).not.toContain('agent-bridge.missing-critical-events')
  })

  it('within an agent the order is causal: a tool_completed before its tool_executing is out of order', () => {
    const builder = asked()
    send(builder, 'agent_started', 'Supervisor')
    for (const type of ['agent_started', 'agent_thinking', 'tool_completed', 'tool_executing', 'agent_completed'])
      send(builder, type, 'triage')
    send(builder, 'agent_completed', 'Supervisor')
    const diagnosis = finish(builder)
    expect(diagnosis.findings.find((finding) => finding.code === 'agent-bridge.events-out-of-order')).toMatchObject({
      severity: 'warning',
      confidence: 'likely',
      evidence: [expect.objectContaining({ label: 'triage', value: 'tool_completed triage_tool before its tool_executing' })]
    })
  })

  it('thinking between tool calls is causal; events after agent_completed are not', () => {
    const builder = asked()
    send(builder, 'agent_started', 'Supervisor')
    for (const type of ['agent_started', 'tool_executing', 'agent_thinking', 'tool_completed', 'agent_thinking', 'agent_completed', 'agent_thinking'])
      send(builder, type, 'triage')
    send(builder, 'agent_completed', 'Supervisor')
    const disorder = finish(builder).findings.find((finding) => finding.code === 'agent-bridge.events-out-of-order')
    expect(disorder?.evidence.map((item) => item.value)).toEqual(['agent_thinking after agent_completed'])
  })

  it('a run is complete when the Supervisor completes, in any spelling', () => {
    for (const supervisor of ['Supervisor', 'supervisor', 'SupervisorAgent', 'supervisor_agent', 'Supervisor Agent']) {
      const diagnosis = diagnoseBuilt(
        wrapped(asked(), [['triage', true], ['reporting', false]], supervisor).wait(5)
      )
      expect(diagnosis.awaiting, supervisor).toBeNull()
      expect(diagnosis.verdict, supervisor).toBe('healthy')
      expect(noWarnings(diagnosis), supervisor).toEqual([])
    }
  })

  it('without a Supervisor, a run is complete once every agent closed and reporting completed (or the session moved on)', () => {
    const builder = asked()
    agent(builder, 'triage')
    agent(builder, 'data_helper')
    expect(diagnoseBuilt(builder).awaiting).not.toBeNull()
    agent(builder, 'reporting')
    expect(diagnoseBuilt(builder)).toMatchObject({ awaiting: null, verdict: 'healthy' })
  })

  it('optimization before data, and actions before optimization: the supervisor; degraded once the answer arrived', () => {
    const wrong = finish(asked().run(['triage', 'optimization', 'data', 'reporting']))
    expect(wrong.findings[0]).toMatchObject({
      code: 'agent-supervisor.optimization-before-data',
      severity: 'warning',
      confidence: 'likely'
    })
    expect(wrong.verdict).toBe('degraded')
    expect(finish(asked().run(['triage', 'optimization', 'reporting'])).codes).toContain(
      'agent-supervisor.optimization-before-data'
    )
    expect(finish(asked().run(['triage', 'data', 'actions', 'optimization', 'reporting'])).codes).toContain(
      'agent-supervisor.actions-before-optimization'
    )
    expect(finish(asked().run(['triage', 'data', 'optimization', 'actions', 'reporting'])).verdict).toBe(
      'healthy'
    )
  })

  it('service levels: slow data step, slow report, slow full answer → llm warnings', () => {
    const slowData = finish(
      asked().run(['triage', { name: 'data', delayBefore: { tool_completed: 5200 } }, 'reporting'])
    )
    expect(slowData.findings[0]).toMatchObject({
      component: 'llm',
      code: 'llm.data-processing-slow',
      severity: 'warning'
    })
    expect(slowData.findings[0].evidence[1]).toMatchObject({
      label: 'slowest step → tool_completed',
      value: '5.24 s'
    })
    expect(
      finish(asked().run(['triage', 'data', { name: 'reporting', delayBefore: { agent_completed: 2500 } }]))
        .codes
    ).toContain('llm.report-slow')
    expect(
      finish(
        asked().run([{ name: 'triage', delayBefore: { agent_completed: 61000 } }, 'data_helper', 'reporting'])
      ).codes
    ).toContain('llm.answer-slow')
  })

  it('service levels come from the context', () => {
    const builder = asked()
      .run(['triage', { name: 'data', delayBefore: { tool_completed: 1000 } }, 'reporting'])
      .close(1000, '', 'client')
    expect(diagnoseBuilt(builder).verdict).toBe('healthy')
    expect(
      diagnoseBuilt(builder, { sla: { dataProcessingMs: 500, reportAfterDataMs: 2000, fullAnswerMs: 60000 } })
        .codes
    ).toContain('llm.data-processing-slow')
  })
})
