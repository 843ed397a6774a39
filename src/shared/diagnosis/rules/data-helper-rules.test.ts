import { describe, expect, it } from 'vitest'
import { diagnoseBuilt, startedSession } from '../testing/diagnose-built'
import { SessionBuilder } from '../testing/session-builder'

const FAILED = { success: false, error: 'Could not generate the data request', fallback_message: 'Please share your monthly usage.' }

function session(where: 'tool results' | 'tool data.result' | 'agent result', result: Record<string, unknown> = FAILED): SessionBuilder {
  const builder = startedSession(new SessionBuilder()).accepted().greeting().ask().wait(2)
  const send = (type: string, agent: string, extra: Record<string, unknown> = {}, data: Record<string, unknown> = {}) =>
    builder.incoming({ type, run_id: 'run_1', user_id: 'sandbox-user-001', agent_name: agent, ...extra, data }).wait(10)
  send('agent_started', 'Supervisor')
  for (const agent of ['triage', 'data_helper']) {
    send('agent_started', agent)
    send('agent_thinking', agent)
    send('tool_executing', agent, { tool_name: agent })
    if (agent === 'data_helper' && where === 'tool results') send('tool_completed', agent, { tool_name: agent, results: result })
    else if (agent === 'data_helper' && where === 'tool data.result') send('tool_completed', agent, { tool_name: agent }, { result })
    else send('tool_completed', agent, { tool_name: agent }, { result: { success: true } })
    send('agent_completed', agent, {}, agent === 'data_helper' && where === 'agent result' ? { result } : {})
  }
  send('agent_started', 'reporting')
  send('agent_completed', 'reporting', {}, { result: { report: 'fallback', report_type: 'fallback' } })
  send('agent_completed', 'Supervisor')
  return builder.close(1000, 'done', 'client')
}

describe('data helper rule (PROTOCOL.md §4): a result with success:false', () => {
  it.each(['tool results', 'tool data.result', 'agent result'] as const)('in the %s is a finding: degraded, since a fallback answer still arrives', (where) => {
    const diagnosis = diagnoseBuilt(session(where))
    expect(diagnosis.findings[0]).toMatchObject({
      component: 'agent-supervisor',
      code: 'agent-supervisor.data-helper-failed',
      severity: 'warning',
      confidence: 'certain'
    })
    expect(diagnosis.findings[0].explanation).toMatch(/Could not generate the data request/)
    expect(diagnosis.verdict).toBe('degraded')
  })

  it('an error that names the model makes it the LLM\'s', () => {
    const diagnosis = diagnoseBuilt(session('tool results', { success: false, error: 'LLM request timed out after 30s' }))
    expect(diagnosis.findings[0]).toMatchObject({ component: 'llm', code: 'llm.data-helper-failed' })
  })

  it('success:true is nothing', () => {
    expect(diagnoseBuilt(session('tool results', { success: true, data_request_generated: true })).verdict).toBe('healthy')
  })
})
