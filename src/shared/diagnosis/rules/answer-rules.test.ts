import { describe, expect, it } from 'vitest'
import { DEFAULT_AGENTS } from '../testing/sandbox-wire'
import { diagnoseBuilt, startedSession } from '../testing/diagnose-built'
import { SessionBuilder } from '../testing/session-builder'

const greeted = () => startedSession(new SessionBuilder()).accepted().greeting().wait(5)
const asked = () => greeted().ask().wait(3)

describe('answer rules: what became of the user\'s message', () => {
  it('while the answer is awaited the diagnosis says so, with how long, and finds nothing wrong yet', () => {
    const diagnosis = diagnoseBuilt(asked().wait(12000))
    expect(diagnosis.verdict).toBe('healthy')
    expect(diagnosis.awaiting).toMatchObject({ elapsedMs: 12003, budgetMs: 60000 })
    expect(diagnosis.summary).toMatch(/^Waiting for the answer, 12\.0 s \(answer budget 1 min\)\./)
    expect(diagnosis.findings.filter((finding) => finding.severity !== 'info')).toEqual([])
  })

  it('a server that accepts the message and never answers is failing, however politely it stays open', () => {
    // Heartbeats keep arriving: the connection is alive, the answer is not.
    let builder = asked()
    for (let i = 0; i < 3; i++) builder = builder.wait(25000).incoming({ type: 'heartbeat', data: {} })
    const diagnosis = diagnoseBuilt(builder)
    expect(diagnosis.awaiting).toBeNull()
    expect(diagnosis.verdict).toBe('failing')
    expect(diagnosis.findings[0]).toMatchObject({ component: 'server', code: 'server.no-answer', severity: 'error', confidence: 'likely' })
  })

  it('the answer budget is the environment\'s full-answer service level', () => {
    const builder = asked().wait(8000)
    expect(diagnoseBuilt(builder).awaiting).not.toBeNull()
    const tight = diagnoseBuilt(builder, { sla: { dataProcessingMs: 5000, reportAfterDataMs: 2000, fullAnswerMs: 5000 } })
    expect(tight.codes).toContain('server.no-answer')
    expect(tight.verdict).toBe('failing')
  })

  it('a caller that waits no longer (a probe out of time) judges the awaited answer as never arrived', () => {
    const builder = asked().run(DEFAULT_AGENTS, { supervisorStopAfter: 'agent_started' }).wait(2000)
    expect(diagnoseBuilt(builder).verdict).toBe('healthy')
    const over = diagnoseBuilt(builder, { waitOver: true })
    expect(over.verdict).toBe('failing')
    expect(over.findings[0]).toMatchObject({ code: 'server.no-answer', title: expect.stringMatching(/run did not complete/) })
  })

  it('a user Disconnect before the answer is no fault at all, and is the client\'s, never the network\'s', () => {
    for (const clean of [true, false]) {
      const diagnosis = diagnoseBuilt(asked().wait(4000).close(clean ? 1000 : 1006, '', 'client', clean))
      expect(diagnosis.verdict, String(clean)).toBe('healthy')
      expect(diagnosis.findings.map((finding) => [finding.code, finding.component, finding.severity])).toEqual([
        ['client.closed-before-answer', 'client', 'info']
      ])
      expect(diagnosis.components.network.status).not.toBe('failing')
    }
  })

  it('a Disconnect after the answer budget ran out is still a missing answer', () => {
    const diagnosis = diagnoseBuilt(asked().wait(61000).close(1000, '', 'client'))
    expect(diagnosis.findings[0]).toMatchObject({ code: 'server.no-answer', severity: 'error' })
  })

  it('a server close before the answer fails the session even when its code looks normal', () => {
    const diagnosis = diagnoseBuilt(asked().wait(500).close(1000, 'main cleanup', 'server'))
    expect(diagnosis.verdict).toBe('failing')
    expect(diagnosis.findings[0]).toMatchObject({ component: 'server', code: 'server.closed-before-answer' })
  })

  it('the cause of a cut-off outranks the consequence', () => {
    const diagnosis = diagnoseBuilt(asked().run([{ name: 'triage', stopAfter: 'agent_started' }]).close(1006, '', 'none'))
    expect(diagnosis.findings[0].component).toBe('network')
    expect(diagnosis.codes).toContain('server.closed-before-answer')
    expect(diagnosis.contenders).toEqual([])
  })

  it('an answered session is judged on what went wrong, never failing for it (the answer arrived)', () => {
    const diagnosis = diagnoseBuilt(
      asked()
        .run(['triage', { name: 'data_helper', skip: ['tool_completed'] }, 'reporting'])
        .close(1000, 'done', 'client')
    )
    expect(diagnosis.awaiting).toBeNull()
    expect(diagnosis.verdict).toBe('degraded')
  })

  it('nothing asked: no answer is owed', () => {
    const diagnosis = diagnoseBuilt(greeted().wait(3000).close(1000, 'done', 'client'))
    expect(diagnosis).toMatchObject({ verdict: 'healthy', awaiting: null, findings: [] })
  })
})
