import { afterEach, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from './index'
import { openAuthed } from './test-client'

let sandbox: Sandbox | null = null
afterEach(async () => {
  await sandbox?.stop()
  sandbox = null
})

/** [fault, code, component, close the client observes, trigger]. */
const CASES: Array<[string, number, string, number, 'accept' | 'message' | 'run']> = [
  ['auth-failed-after-accept', 1002, 'Authentication', 1002, 'accept'],
  ['factory-failure', 1003, 'Factory', 1003, 'accept'],
  ['message-handler-failure', 1004, 'MessageHandler', 1006, 'message'],
  ['database-down', 1005, 'Database', 1006, 'accept'],
  ['dependencies-failure', 1006, 'Dependencies', 1006, 'accept'],
  ['redis-failure', 1007, 'Redis', 1007, 'accept'],
  ['agent-supervisor-failure', 1008, 'AgentSupervisor', 1008, 'run'],
  ['bridge-failure', 1009, 'WebSocketBridge', 1009, 'accept'],
  ['integration-failure', 1010, 'Integration', 1010, 'accept']
]

describe('component-codes generation', () => {
  for (const [fault, code, component, observed, trigger] of CASES) {
    it(`${fault}: error event ${component} ${code}, client sees ${observed}`, async () => {
      sandbox = await startSandbox({ generation: 'component-codes', faults: [fault], stepDelayMs: 0 })
      const client = await openAuthed(sandbox)
      if (trigger !== 'accept') client.send({ type: 'user_message', payload: { content: 'x' } })
      const closed = await client.closed
      const error = client.frames.at(-1)!
      expect(error).toMatchObject({
        type: 'error',
        error: { code, component, message: expect.any(String), root_cause: expect.any(String) }
      })
      expect(client.frames.map((frame) => frame.type)).toEqual(
        trigger === 'accept' ? ['error'] : ['connection_established', 'error']
      )
      expect(closed.code).toBe(observed)
      if (observed === 1006) {
        // The real stack cannot send 1004/1005/1006: the TCP connection just drops.
        expect(closed.wasClean).toBe(false)
        expect(closed.reason).toBe('')
      } else {
        expect(closed.wasClean).toBe(true)
        expect(closed.reason.startsWith(`${component}: `)).toBe(true)
        expect(closed.reason.length).toBeLessThanOrEqual(50)
      }
    })
  }

  it('older generations report the same failures as 1011 with a pipeline reason', async () => {
    const expected: Record<string, string> = {
      'message-handler-failure': 'Processing error',
      'dependencies-failure': 'Services not ready',
      'redis-failure': 'Failed to establish connection',
      'agent-supervisor-failure': 'main mode error',
      'bridge-failure': 'Failed to establish connection',
      'integration-failure': 'Processing error'
    }
    sandbox = await startSandbox({ stepDelayMs: 0 })
    for (const [fault, reason] of Object.entries(expected)) {
      sandbox.configure({ faults: [fault] })
      const client = await openAuthed(sandbox)
      client.send({ type: 'user_message', payload: { content: 'x' } })
      expect(await client.closed).toMatchObject({ code: 1011, reason, wasClean: true })
    }
  })

  it('component-codes /health carries the richer checks', async () => {
    sandbox = await startSandbox({ generation: 'component-codes', faults: ['database-down'] })
    const response = await fetch(`${sandbox.httpUrl}/health`)
    expect(response.status).toBe(503)
    expect(await response.json()).toMatchObject({
      status: 'unhealthy',
      checks: { postgres: false, redis: true }
    })
  })
})
