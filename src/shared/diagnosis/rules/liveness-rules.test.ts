import { describe, expect, it } from 'vitest'
import { DEFAULT_AGENTS } from '../testing/sandbox-wire'
import { diagnoseBuilt, startedSession } from '../testing/diagnose-built'
import { SessionBuilder } from '../testing/session-builder'

const running = () =>
  startedSession(new SessionBuilder())
    .accepted()
    .greeting()
    .ask()
    .run(DEFAULT_AGENTS, { supervisorStopAfter: 'agent_started' })

describe('liveness rules', () => {
  it('an open session silent mid-run past the threshold: the server is unresponsive', () => {
    const diagnosis = diagnoseBuilt(running().wait(46000))
    expect(diagnosis.findings[0]).toMatchObject({
      component: 'server',
      code: 'server.unresponsive',
      severity: 'error'
    })
    expect(diagnosis.verdict).toBe('failing')
  })

  it("uses the caller's silence threshold and session age", () => {
    const builder = running().wait(3000)
    // Within the answer budget and the silence threshold the answer is simply awaited.
    expect(diagnoseBuilt(builder)).toMatchObject({ verdict: 'healthy', findings: [], awaiting: { elapsedMs: 3040 } })
    expect(diagnoseBuilt(builder, { silenceMs: 2000 }).findings[0].code).toBe('server.unresponsive')
    expect(diagnoseBuilt(builder, { elapsedMs: 60000 }).findings[0].code).toBe('server.unresponsive')
  })

  it('a ping left unanswered mid-run is enough', () => {
    const builder = running().wait(1000).outgoing({ type: 'ping', timestamp: 1 }).wait(11000)
    const finding = diagnoseBuilt(builder).findings[0]
    expect(finding.code).toBe('server.unresponsive')
    expect(finding.evidence.some((item) => item.label === 'ping unanswered')).toBe(true)
  })

  it("a client close that never completed after long silence mid-run: still the server's silence, not a proxy", () => {
    const diagnosis = diagnoseBuilt(running().wait(60000).close(1006, '', 'none'))
    expect(diagnosis.findings[0].code).toBe('server.unresponsive')
    expect(diagnosis.codes).not.toContain('gateway.idle-cutoff')
  })

  it('a client that gave up early on a run: a note, not a verdict on the server', () => {
    const diagnosis = diagnoseBuilt(running().wait(2000).close(1000, 'probe timeout', 'client'))
    expect(diagnosis.findings[0]).toMatchObject({ code: 'client.closed-before-answer', severity: 'info', component: 'client' })
    expect(diagnosis.verdict).toBe('healthy')
  })

  it('an idle open session with no frame past the threshold is silent (a warning)', () => {
    const diagnosis = diagnoseBuilt(startedSession(new SessionBuilder()).accepted().greeting().wait(50000))
    expect(diagnosis.findings[0]).toMatchObject({ code: 'server.silent', severity: 'warning' })
  })

  it('regular heartbeats keep an idle session healthy; a long gap between frames is a heartbeat gap', () => {
    let builder = startedSession(new SessionBuilder()).accepted().greeting()
    for (let i = 0; i < 4; i++) builder = builder.wait(30000).incoming({ type: 'heartbeat', data: {} })
    expect(diagnoseBuilt(builder.wait(1000)).verdict).toBe('healthy')
    builder = builder.wait(70000).incoming({ type: 'heartbeat', data: {} }).wait(1000)
    expect(diagnoseBuilt(builder).findings[0]).toMatchObject({
      code: 'server.heartbeat-gap',
      severity: 'warning'
    })
  })
})
