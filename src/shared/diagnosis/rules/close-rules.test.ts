import { describe, expect, it } from 'vitest'
import { sandboxHealth } from '../testing/sandbox-wire'
import { diagnoseBuilt, startedSession } from '../testing/diagnose-built'
import { SessionBuilder } from '../testing/session-builder'

const open = () => startedSession(new SessionBuilder()).accepted().wait(2)
const greeted = () => open().greeting().wait(5).ask().wait(3)
const legacy = (code: number, component: string) => ({
  type: 'error',
  error: { code, component, message: 'broke', root_cause: 'the root cause' }
})

describe('close rules: decoded closes', () => {
  it.each([
    [1001, 'Startup timeout', 'server.startup-timeout', 'server'],
    [1008, 'Authentication failed', 'auth.rejected-after-accept', 'auth'],
    [
      1008,
      'Too many concurrent connections (11/10)',
      'websocket-manager.too-many-connections',
      'websocket-manager'
    ],
    [1008, 'Rate limit exceeded - retry after 12s', 'client.rate-limited', 'client'],
    [1011, 'Factory initialization failed', 'websocket-manager.factory-failed', 'websocket-manager'],
    [1011, 'Services not ready', 'dependencies.services-not-ready', 'dependencies'],
    [1012, 'Service restart', 'server.restart', 'server'],
    [1013, 'Service temporarily unavailable - retry in 30 seconds', 'server.try-again-later', 'server'],
    [1002, 'INVALID_WEBSOCKET_STATE', 'websocket-manager.invalid-state', 'websocket-manager'],
    [1014, '', 'gateway.bad-gateway', 'gateway'],
    [1015, '', 'tls.handshake-failed', 'tls'],
    [1009, 'Message too big', 'client.message-too-big', 'client'],
    [1010, '', 'client.missing-extension', 'client'],
    [1007, '', 'client.unsupported-data', 'client'],
    [4003, 'custom', 'server.application-close', 'server'],
    [1008, '', 'auth.policy-violation', 'auth']
  ])('%i "%s" → %s', (code, reason, expected, component) => {
    const diagnosis = diagnoseBuilt(greeted().close(code, reason, 'server'))
    expect(diagnosis.findings[0]).toMatchObject({ code: expected, component, severity: 'error' })
    const labels = diagnosis.findings[0].evidence.map((item) => item.label)
    expect(labels).toEqual(
      expect.arrayContaining(['close', 'closed by', 'since handshake', 'since last frame'])
    )
  })

  it('says how long after the handshake and the last frame the close came', () => {
    const finding = diagnoseBuilt(
      open().wait(1200).close(1013, 'Service temporarily unavailable - retry in 30 seconds', 'server')
    ).findings[0]
    expect(finding.evidence.find((item) => item.label === 'since handshake')?.value).toBe('1.20 s')
    expect(finding.evidence.find((item) => item.label === 'close')?.value).toMatch(
      /^1013 Try Again Later "Service temporarily/
    )
  })

  it('a client close, or a server 1000 cleanup with no run in progress, is no finding', () => {
    expect(diagnoseBuilt(greeted().close(1000, 'probe complete', 'client')).verdict).toBe('healthy')
    expect(diagnoseBuilt(greeted().close(1001, 'diagnostics app closing', 'client')).verdict).toBe('healthy')
    expect(diagnoseBuilt(open().greeting().close(1000, 'main cleanup', 'server')).verdict).toBe('healthy')
  })

  it('a server 1000 in the middle of a run fails the session: the answer never arrives', () => {
    const diagnosis = diagnoseBuilt(
      greeted()
        .run([{ name: 'triage', stopAfter: 'agent_thinking' }])
        .close(1000, 'main cleanup', 'server')
    )
    expect(diagnosis.findings[0]).toMatchObject({ code: 'server.closed-mid-run', severity: 'error' })
    expect(diagnosis.verdict).toBe('failing')
  })
})

describe('close rules: a generic 1011 takes its component from the evidence, or says it is unknown', () => {
  it('a bare 1011 with nothing else is an honest unknown on the server', () => {
    const finding = diagnoseBuilt(open().close(1011, '', 'server')).findings[0]
    expect(finding).toMatchObject({ component: 'server', code: 'server.unexplained-1011' })
    expect(finding.explanation).toMatch(/cause is unknown/)
    expect(finding.evidence.find((item) => item.label === 'connection_established')?.value).toBe(
      'never received'
    )
  })

  it('the preceding error_message names the component', () => {
    const builder = open()
      .incoming({
        type: 'error_message',
        error_code: 'SERVICE_INIT_FAILED',
        error_message: 'Redis: lost',
        details: { component: 'Redis' }
      })
      .close(1011, 'Service initialization failed', 'server')
    const diagnosis = diagnoseBuilt(builder)
    expect(diagnosis.findings[0]).toMatchObject({ component: 'redis', code: 'redis.pipeline-failure' })
    // The error event is the close's evidence, not a second finding.
    expect(diagnosis.codes).not.toContain('redis.service-init-failed')
    expect(
      diagnosis.findings[0].evidence.some(
        (item) => item.label === 'error event before the close' && item.seq !== undefined
      )
    ).toBe(true)
  })

  it('else a failing service in the health endpoints is the likely cause, said as such', () => {
    const builder = sandboxHealth(startedSession(new SessionBuilder()), new Set(['bridge-failure']))
      .accepted()
      .close(1011, 'Failed to establish connection', 'server')
    const finding = diagnoseBuilt(builder).findings[0]
    expect(finding).toMatchObject({ component: 'agent-bridge', code: 'agent-bridge.pipeline-failure' })
    expect(finding.explanation).toMatch(/most likely cause/)
  })

  it('"Processing error" is the message handler only after the greeting and a client message', () => {
    expect(diagnoseBuilt(greeted().close(1011, 'Processing error', 'server')).findings[0].component).toBe(
      'message-handler'
    )
    expect(diagnoseBuilt(open().ask().close(1011, 'Processing error', 'server')).findings[0]).toMatchObject({
      component: 'server',
      code: 'server.pipeline-failure'
    })
    // Newest servers: the first frame the handler processes is our handshake_acknowledged.
    const acknowledged = open()
      .greeting()
      .incoming({ type: 'handshake_response', data: { run_id: 'r' } })
      .outgoing({ type: 'handshake_acknowledged' })
    expect(diagnoseBuilt(acknowledged.close(1011, 'Processing error', 'server')).findings[0].component).toBe(
      'message-handler'
    )
  })

  it('"Services not ready" follows a failing store when the health endpoints show one', () => {
    const builder = sandboxHealth(startedSession(new SessionBuilder()), new Set(['database-down']))
      .accepted()
      .close(1011, 'Services not ready', 'server')
    expect(diagnoseBuilt(builder).findings[0].component).toBe('database')
  })
})

describe('close rules: legacy component codes and drops', () => {
  it.each([
    [1003, 'Factory', 'websocket-manager'],
    [1007, 'Redis', 'redis'],
    [1008, 'AgentSupervisor', 'agent-supervisor'],
    [1009, 'WebSocketBridge', 'agent-bridge'],
    [1010, 'Integration', 'integration'],
    [1002, 'Authentication', 'auth']
  ])('%i "%s: …" after its error event → %s, one finding', (code, name, component) => {
    const diagnosis = diagnoseBuilt(
      open().incoming(legacy(code, name)).close(code, `${name}: broke`, 'server')
    )
    expect(diagnosis.findings[0]).toMatchObject({ component, code: `${component}.component-failure` })
    expect(diagnosis.findings[0].explanation).toMatch(/Root cause reported: the root cause/)
    expect(diagnosis.findings.filter((finding) => finding.severity === 'error')).toHaveLength(1)
  })

  it('a 1006 right after a Database error event is the database, not the network', () => {
    const diagnosis = diagnoseBuilt(open().incoming(legacy(1005, 'Database')).wait(1).close(1006, '', 'none'))
    expect(diagnosis.findings[0]).toMatchObject({
      component: 'database',
      title: 'Database failed and the connection dropped'
    })
    expect(diagnosis.codes.some((code) => code.startsWith('network.'))).toBe(false)
  })

  it('a 1006 mid-run with no error event is a dropped connection, said with its uncertainty', () => {
    const finding = diagnoseBuilt(
      greeted()
        .run([{ name: 'triage', stopAfter: 'agent_started' }])
        .close(1006, '', 'none')
    ).findings[0]
    expect(finding).toMatchObject({ component: 'network', code: 'network.connection-dropped' })
    expect(finding.title).toMatch(/middle of a run/)
    expect(finding.explanation).toMatch(/cannot tell/)
  })

  it.each([60000, 30000, 100000, 5000])(
    'a 1006 after exactly %i ms of idle silence is a proxy idle cut-off',
    (silence) => {
      const diagnosis = diagnoseBuilt(greeted().run(['triage']).wait(silence).close(1006, '', 'none'))
      expect(diagnosis.findings[0]).toMatchObject({ component: 'gateway', code: 'gateway.idle-cutoff' })
    }
  )

  it('a 1001 from the server after a round idle stretch is a proxy too, not a server going away', () => {
    expect(
      diagnoseBuilt(greeted().run(['triage']).wait(60000).close(1001, '', 'server')).findings[0].code
    ).toBe('gateway.idle-cutoff')
    expect(
      diagnoseBuilt(greeted().run(['triage']).wait(1234).close(1001, 'Going away', 'server')).findings[0].code
    ).toBe('server.going-away')
  })

  it('a 1006 after a stretch that is not round stays a network drop', () => {
    expect(
      diagnoseBuilt(greeted().run(['triage']).wait(37420).close(1006, '', 'none')).findings[0].code
    ).toBe('network.connection-dropped')
  })
})
