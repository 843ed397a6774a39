import { describe, expect, it } from 'vitest'
import { DEFAULT_AGENTS } from '../testing/sandbox-wire'
import { diagnoseBuilt, startedSession } from '../testing/diagnose-built'
import { SessionBuilder } from '../testing/session-builder'

const greeted = (userId?: string) => startedSession(new SessionBuilder()).accepted().greeting(userId).ask()

describe('event rules: what the server said went wrong', () => {
  it.each([
    ['AUTH_FAILED', {}, 'auth.auth-failed-event', 'error'],
    ['SERVICE_INIT_FAILED', { component: 'Database' }, 'database.service-init-failed', 'error'],
    ['SERVICE_INIT_FAILED', {}, 'server.service-init-failed', 'error'],
    ['JSON_PARSE_ERROR', {}, 'client.invalid-json-sent', 'warning'],
    ['CONNECTION_ERROR', {}, 'websocket-manager.connection-error', 'error'],
    ['SOMETHING_NEW', {}, 'server.error-message', 'warning']
  ])('error_message %s %j → %s', (errorCode, details, code, severity) => {
    const builder = greeted().incoming({
      type: 'error_message',
      error_code: errorCode,
      error_message: 'x',
      details,
      recovery_suggestions: ['do y']
    })
    const finding = diagnoseBuilt(builder).findings.find((candidate) => candidate.code === code)
    expect(finding?.severity).toBe(severity)
  })

  it.each([
    [
      {
        type: 'authentication_error',
        data: { event: 'auth_failed', error: 'bad token', retry_allowed: false }
      },
      'auth.authentication-error'
    ],
    [
      { type: 'error', error: { code: 1007, component: 'Redis', message: 'slow', root_cause: 'latency' } },
      'redis.component-failure'
    ],
    [{ type: 'error', message: 'Thread ID required' }, 'client.request-rejected'],
    [
      {
        type: 'agent_error',
        run_id: 'r',
        agent_name: 'triage',
        data: { status: 'error', error_message: 'tool crashed' }
      },
      'agent-supervisor.agent-error'
    ],
    [
      { type: 'agent_timeout_failure', run_id: 'r', agent_name: 'data', data: { message: 'timed out' } },
      'llm.agent-timeout'
    ],
    [
      { type: 'agent_timeout_warning', run_id: 'r', agent_name: 'data', data: { message: 'slow' } },
      'llm.slow-step'
    ]
  ])('%j → %s', (message, code) => {
    expect(diagnoseBuilt(greeted().incoming(message)).codes).toContain(code)
  })

  it('wrapped beta-10 agent deaths are read too', () => {
    const builder = new SessionBuilder({ kind: 'sandbox', wrapped: true })
      .start()
      .accepted()
      .greeting()
      .ask()
      .run([{ name: 'triage', stopAfter: 'agent_thinking', then: { type: 'x' } }])
    builder.agentEvent('agent_death', 'run_1', 'triage', 'sandbox-user-001', { death_cause: 'oom' })
    expect(diagnoseBuilt(builder).findings[0]).toMatchObject({ code: 'agent-supervisor.agent-death' })
  })

  it('flags malformed and binary frames, agent-looking ones on the bridge', () => {
    const builder = greeted()
      .incoming('{"type":"tool_executing","run_id":"r1","data":{"par')
      .incoming('not json at all')
      .incoming('"a json string"')
      .push({ kind: 'message', dir: 'in', opcode: 2, encoding: 'base64', data: 'AAEC', size: 3 })
    const diagnosis = diagnoseBuilt(builder)
    expect(diagnosis.codes).toEqual(
      expect.arrayContaining([
        'agent-bridge.malformed-frame',
        'server.malformed-frame',
        'server.unexpected-binary'
      ])
    )
    expect(diagnosis.verdict).toBe('degraded')
    expect(
      diagnosis.findings.find((finding) => finding.code === 'server.malformed-frame')?.evidence
    ).toHaveLength(2)
  })
})

describe('identity rules', () => {
  it("a greeting for another user than the token's subject is demo mode (a warning)", () => {
    const diagnosis = diagnoseBuilt(
      greeted('demo-user-001').run(DEFAULT_AGENTS, { userId: 'demo-user-001' }).close(1000, '', 'client')
    )
    expect(diagnosis.findings.map((finding) => [finding.code, finding.severity])).toEqual([
      ['auth.demo-mode', 'warning']
    ])
    expect(diagnosis.findings[0].evidence.map((item) => item.value)).toEqual([
      'sandbox-user-001',
      'demo-user-001'
    ])
  })

  it("an event with another user's user_id is a leak, and its run is not judged as ours", () => {
    const builder = greeted()
      .run([
        'triage',
        { name: 'data_helper', foreign: { tool_executing: { userId: 'user-2', runId: 'run_x' } } },
        'reporting'
      ])
      .close(1000, '', 'client')
    const diagnosis = diagnoseBuilt(builder)
    expect(diagnosis.findings[0]).toMatchObject({
      code: 'websocket-manager.cross-user-leak',
      severity: 'error'
    })
    expect(diagnosis.findings[0].evidence[1].value).toBe('user_id user-2, run_id run_x')
    expect(diagnosis.codes).not.toContain('agent-bridge.missing-critical-events')
    expect(diagnosis.codes).not.toContain('server.run-unfinished')
  })

  it('without a greeting, the token subject or the majority decides whose session it is', () => {
    const builder = startedSession(new SessionBuilder())
      .accepted()
      .run([
        'triage',
        { name: 'data_helper', foreign: { agent_thinking: { userId: 'user-2', runId: 'run_1' } } },
        'reporting'
      ])
    expect(diagnoseBuilt(builder).codes).toContain('websocket-manager.cross-user-leak')
  })
})
