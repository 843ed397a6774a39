import { describe, expect, it } from 'vitest'
import { diagnoseBuilt, startedSession } from '../testing/diagnose-built'
import { SessionBuilder } from '../testing/session-builder'

const asked = () => startedSession(new SessionBuilder()).accepted().greeting().ask().wait(2)
const finish = (builder: SessionBuilder) => diagnoseBuilt(builder.close(1000, 'probe complete', 'client'))

describe('run rules', () => {
  it('a finished agent missing a critical event: the agent bridge lost it', () => {
    const diagnosis = finish(
      asked().run([
        'triage',
        { name: 'data_helper', skip: ['tool_completed', 'agent_thinking'] },
        'reporting'
      ])
    )
    expect(diagnosis.findings[0]).toMatchObject({
      component: 'agent-bridge',
      code: 'agent-bridge.missing-critical-events',
      severity: 'error'
    })
    expect(diagnosis.findings[0].evidence).toEqual([
      expect.objectContaining({ label: 'data_helper', value: 'missing agent_thinking, tool_completed' })
    ])
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

  it('a later agent starting proves the earlier one finished', () => {
    const diagnosis = diagnoseBuilt(
      asked()
        .run([
          { name: 'triage', skip: ['agent_completed'] },
          { name: 'data_helper', stopAfter: 'agent_started' }
        ])
        .wait(10)
    )
    expect(
      diagnosis.findings.find((finding) => finding.code === 'agent-bridge.missing-critical-events')
        ?.evidence[0]
    ).toMatchObject({ label: 'triage', value: 'missing agent_completed' })
  })

  it('events out of causal order are a warning', () => {
    const builder = asked()
    for (const type of [
      'agent_started',
      'tool_executing',
      'agent_thinking',
      'tool_completed',
      'agent_completed'
    ])
      builder.agentEvent(type, 'run_1', 'triage', 'sandbox-user-001').wait(10)
    expect(finish(builder).codes).toContain('agent-bridge.events-out-of-order')
  })

  it('optimization before data, and actions before optimization, are supervisor errors', () => {
    expect(finish(asked().run(['triage', 'optimization', 'data', 'reporting'])).findings[0].code).toBe(
      'agent-supervisor.optimization-before-data'
    )
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
      value: '5.2 s'
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
