import { describe, expect, it } from 'vitest'
import { normaliseEnvelope } from '../protocol/normalise-envelope'
import { decisiveEvent, interpretClose, type CloseInput } from './interpret-close'
import { componentForLegacyName, splitComponentReason } from './legacy-component-codes'
import { matchNetraReason } from './netra-close-reasons'

const server = (code: number, reason = ''): CloseInput => ({ code, reason, clean: true, initiator: 'server' })
const drop: CloseInput = { code: 1006, reason: '', clean: false, initiator: 'none' }
const legacy = (code: number, component: string) =>
  normaliseEnvelope({ type: 'error', error: { code, component, message: 'boom', root_cause: 'because' } })
const errorMessage = (code: string, details: Record<string, unknown> = {}) =>
  normaliseEnvelope({ type: 'error_message', error_code: code, error_message: 'x', details })
const housekeeping = [
  normaliseEnvelope({ type: 'cleanup_started', data: {} }),
  normaliseEnvelope({ type: 'cleanup_complete', data: {} })
]

describe('interpretClose: the Netra reason table (PROTOCOL.md §5)', () => {
  it.each([
    [1000, 'main cleanup', null, 'mode-cleanup'],
    [1001, 'Startup timeout', 'server', 'startup-timeout'],
    [1008, 'Authentication failed', 'auth', 'auth-failed'],
    [1008, 'SSOT Auth failed', 'auth', 'auth-failed'],
    [1008, 'Too many concurrent connections (6/5)', 'websocket-manager', 'too-many-connections'],
    [1008, 'Rate limit exceeded - retry after 30s', 'client', 'rate-limit'],
    [1011, 'Service initialization failed', null, 'service-init-failed'],
    [1011, 'Factory initialization failed', 'websocket-manager', 'factory-init-failed'],
    [1011, 'Failed to establish connection', null, 'failed-to-establish'],
    [1011, 'isolated mode error', null, 'mode-error'],
    [1011, 'Services not ready', 'dependencies', 'services-not-ready'],
    [1011, 'Processing error', null, 'processing-error'],
    [1013, 'Service temporarily unavailable - retry in 30 seconds', 'server', 'try-again-later'],
    [1002, 'INVALID_WEBSOCKET_STATE', 'websocket-manager', 'invalid-websocket-state']
  ])('%i "%s" → %s', (code, reason, component, row) => {
    const { standard, netra } = interpretClose(server(code, reason), [])
    expect(standard.code).toBe(code)
    expect(netra).toMatchObject({ component, reasonMatch: row, via: 'reason-table' })
  })

  it('leaves an unknown reason and a bare 1011 without a Netra reading', () => {
    expect(interpretClose(server(1011, ''), []).netra).toBeNull()
    expect(interpretClose(server(1011, 'something odd'), []).netra).toBeNull()
    expect(interpretClose(server(4001, 'custom'), []).standard.source).toBe('application')
  })

  it("takes a generic pipeline reason's component from the error_message before it", () => {
    const { netra } = interpretClose(server(1011, 'Service initialization failed'), [
      errorMessage('SERVICE_INIT_FAILED', { component: 'Database' }),
      ...housekeeping
    ])
    expect(netra).toMatchObject({
      component: 'database',
      via: 'error-event',
      reasonMatch: 'service-init-failed',
      serverComponent: 'Database'
    })
  })
})

describe('interpretClose: legacy component codes, never by the number alone', () => {
  it.each([
    [1002, 'Authentication', 'auth'],
    [1003, 'Factory', 'websocket-manager'],
    [1007, 'Redis', 'redis'],
    [1008, 'AgentSupervisor', 'agent-supervisor'],
    [1009, 'WebSocketBridge', 'agent-bridge'],
    [1010, 'Integration', 'integration']
  ])('%i "%s: …" → %s, by the reason prefix', (code, name, component) => {
    const { netra } = interpretClose(server(code, `${name}: something broke`), [])
    expect(netra).toMatchObject({ component, via: 'component-prefix', serverComponent: name })
  })

  it('decodes a component code by the preceding error event when the reason is empty', () => {
    expect(interpretClose(server(1007, ''), [legacy(1007, 'Redis')]).netra).toMatchObject({
      component: 'redis',
      via: 'error-event'
    })
  })

  it('does not read a bare 1007–1010 as a component: they keep their RFC meaning', () => {
    for (const code of [1003, 1007, 1009, 1010]) expect(interpretClose(server(code, ''), []).netra).toBeNull()
    expect(interpretClose(server(1009, 'Message too big'), []).netra).toMatchObject({
      component: 'client',
      reasonMatch: 'message-too-big'
    })
  })

  it('1008 is auth or AgentSupervisor depending on the reason, not the code', () => {
    expect(interpretClose(server(1008, 'Authentication failed'), []).netra?.component).toBe('auth')
    expect(
      interpretClose(server(1008, 'AgentSupervisor: Supervisor not initialized'), []).netra?.component
    ).toBe('agent-supervisor')
  })

  it.each([
    [1004, 'MessageHandler', 'message-handler'],
    [1005, 'Database', 'database'],
    [1006, 'Dependencies', 'dependencies']
  ])(
    "a 1006 right after a %i %s error event is that component's failure, not the network",
    (sent, name, component) => {
      const { standard, netra } = interpretClose(drop, [legacy(sent, name), ...housekeeping])
      expect(standard.localOnly).toBe(true)
      expect(netra).toMatchObject({ component, via: 'error-event-then-drop', serverComponent: name })
      expect(netra?.meaning).toMatch(/cannot be sent/)
    }
  )

  it('a 1006 with no error event before it has no Netra reading', () => {
    expect(
      interpretClose(drop, [normaliseEnvelope({ type: 'agent_started', run_id: 'r', agent_name: 'triage' })])
        .netra
    ).toBeNull()
  })

  it('only the last significant event counts: an old error does not explain a later drop', () => {
    const later = normaliseEnvelope({ type: 'agent_thinking', run_id: 'r', agent_name: 'triage', data: {} })
    expect(interpretClose(drop, [legacy(1005, 'Database'), later]).netra).toBeNull()
  })
})

describe('legacy names and reasons', () => {
  it('maps server component spellings', () => {
    expect(componentForLegacyName('WebSocketBridge')).toBe('agent-bridge')
    expect(componentForLegacyName('message_handler')).toBe('message-handler')
    expect(componentForLegacyName('Unknown Thing')).toBeNull()
    expect(componentForLegacyName(null)).toBeNull()
  })
  it('splits only prefixes that name a component', () => {
    expect(splitComponentReason('Redis: Connection to Redis lost')).toMatchObject({
      name: 'Redis',
      component: 'redis',
      message: 'Connection to Redis lost'
    })
    expect(splitComponentReason('Authentication failed: token expired')).toBeNull()
    expect(splitComponentReason('no colon here')).toBeNull()
  })
  it('matches reasons by code too', () => {
    expect(matchNetraReason(1011, 'Startup timeout')).toBeNull()
    expect(matchNetraReason(1001, 'startup timeout')?.id).toBe('startup-timeout')
  })
})

describe('decisiveEvent: what is interleaved between an error and the close never hides the error', () => {
  it('skips heartbeats, backend_log and types the protocol does not know', () => {
    const error = normaliseEnvelope({ type: 'error', error: { code: 1007, component: 'Redis', message: 'lost' } })
    const noise = [
      normaliseEnvelope({ type: 'heartbeat', data: {} }),
      normaliseEnvelope({ type: 'backend_log', data: { level: 'error' } }),
      normaliseEnvelope({ type: 'mystery_event_from_the_future', data: {} }),
      normaliseEnvelope({ type: 'cleanup_started', data: {} })
    ]
    expect(decisiveEvent([error, ...noise])).toBe(error)
    const later = normaliseEnvelope({ type: 'agent_started', run_id: 'r', agent_name: 'triage', data: {} })
    expect(decisiveEvent([error, later, ...noise])).toBe(later)
  })
})
