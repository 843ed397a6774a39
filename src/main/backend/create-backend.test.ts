import { afterEach, describe, expect, it } from 'vitest'
import type { ContractBackend, EventName } from '../../shared/api/contract'
import { dispatch } from '../../shared/api/contract'
import type { FrameRecord } from '../../shared/api/frame-record'
import { buildFlood } from '../../shared/protocol/client-messages'
import { applyRecords, createSessionModel, type SessionModel } from '../../shared/session-model'
import { createBackend } from './create-backend'
import { MAX_PUSH_BYTES } from './push-batcher'
import type { RecordsPush } from '../sessions/records-push'
import { eventFrame } from '../web/event-frame'
import { until } from '../testing/until'

let backend: ContractBackend | null = null
afterEach(async () => {
  await backend?.dispose()
  backend = null
})

type Push = { at: number; event: EventName; payload: unknown }

function start(): { backend: ContractBackend; pushes: Push[]; model: (id: string) => SessionModel } {
  backend = createBackend({ host: 'cli', sandbox: { stepDelayMs: 1 } })
  const pushes: Push[] = []
  backend.subscribe((event, payload) => pushes.push({ at: Date.now(), event, payload }))
  const model = (id: string): SessionModel => {
    const records = pushes
      .filter((push) => push.event === 'session.records' && (push.payload as { sessionId: string }).sessionId === id)
      .flatMap((push) => (push.payload as { records: FrameRecord[] }).records)
    return applyRecords(createSessionModel(id), records)
  }
  return { backend, pushes, model }
}

describe('backend', () => {
  it('lists the built-in environments with the sandbox first and default', async () => {
    const { backend } = start()
    const { environments, defaultId } = await backend.handlers['environments.list']({})
    expect(defaultId).toBe('sandbox')
    expect(environments.map((environment) => environment.id)).toEqual(['sandbox', 'local', 'staging', 'production'])
    expect(environments.find((e) => e.id === 'staging')?.wsUrl).toBe('wss://api.staging.netrasystems.ai/ws')
    expect((await backend.handlers['sandbox.status']({})).running).toBe(false)
  })

  it('connects to the sandbox, runs the agent pipeline and reports session state changes', async () => {
    const { backend, pushes, model } = start()
    const { sessionId } = await backend.handlers['session.connect']({ environmentId: 'sandbox' })
    await until(() => model(sessionId).state === 'open')
    expect((await backend.handlers['sandbox.status']({})).running).toBe(true)
    await backend.handlers['session.send']({ sessionId, text: 'Analyse my cloud costs', mode: 'user_message' })
    await until(() => model(sessionId).runs[0]?.status === 'completed')
    await backend.handlers['session.disconnect']({ sessionId })
    await until(() => model(sessionId).state === 'closed')
    const states = pushes
      .filter((push) => push.event === 'sessions.changed')
      .map((push) => (push.payload as { sessions: Array<{ state: string }> }).sessions[0].state)
    expect(states).toEqual(['connecting', 'open', 'closing', 'closed'])
    const backlog = await backend.handlers['session.records']({ sessionId, fromSeq: 0 })
    expect(backlog.done).toBe(true)
    expect(backlog.records).toEqual(model(sessionId).records)
  })

  it('batches a 100 000-frame flood into at most one push per ~50 ms, losing nothing', async () => {
    const { backend, pushes, model } = start()
    const { sessionId } = await backend.handlers['session.connect']({ environmentId: 'sandbox' })
    await until(() => model(sessionId).state === 'open')
    await backend.handlers['session.send']({ sessionId, text: buildFlood(100_000), mode: 'raw' })
    await until(() => model(sessionId).rows.toArray().some((row) => row.label === 'flood_complete'), 60_000)
    const chunks = model(sessionId).rows.toArray().filter((row) => row.label === 'stream_chunk')
    expect(chunks).toHaveLength(100_000)
    const recordPushes = pushes.filter((push) => push.event === 'session.records')
    const pushTimes = recordPushes.map((push) => push.at)
    const pushBytes = recordPushes.map((push) => Buffer.byteLength(eventFrame('session.records', push.payload as RecordsPush)))
    // A push that reaches the size bound goes at once; state changes flush early; every other
    // push waits out the interval since the one before it.
    const full = (i: number): boolean => pushBytes[i] >= MAX_PUSH_BYTES
    const early = pushTimes.slice(1).filter((time, i) => time - pushTimes[i] < 45 && !full(i + 1))
    expect(early.length).toBeLessThanOrEqual(3)
    expect(Math.max(...pushBytes)).toBeLessThan(MAX_PUSH_BYTES + 4096)
    expect(pushTimes.length).toBeLessThan(100_000 / 100)
  }, 90_000)

  it('rejects bad requests with clear errors', async () => {
    const { backend } = start()
    await expect(dispatch(backend.handlers, 'session.connect', { environmentId: 'mars' })).rejects.toThrow(/no environment with id mars/)
    await expect(dispatch(backend.handlers, 'session.send', { sessionId: 'nope', text: 'x', mode: 'raw' })).rejects.toThrow(/no session with id nope/)
    await expect(dispatch(backend.handlers, 'session.send', { sessionId: 'x', text: 'x' })).rejects.toThrow(/mode/)
  })

  it('refuses to send on a closed session, naming its state', async () => {
    const { backend, model } = start()
    const { sessionId } = await backend.handlers['session.connect']({ environmentId: 'sandbox', authMethod: 'none' })
    await until(() => model(sessionId).state === 'closed')
    await expect(backend.handlers['session.send']({ sessionId, text: 'x', mode: 'raw' })).rejects.toThrow(/not open \(it is closed\)/)
  })

  it('reports a missing token for a real environment before touching the network', async () => {
    const { backend, model } = start()
    const { sessionId } = await backend.handlers['session.connect']({ environmentId: 'production' })
    await until(() => model(sessionId).state === 'closed')
    const error = model(sessionId).records.find((record) => record.kind === 'error')
    expect(error).toMatchObject({ message: expect.stringMatching(/needs a token/) })
  })
})

describe('backend: sandbox settings', () => {
  it('offers the catalog and applies a chosen fault to the next connection', async () => {
    const { backend, pushes, model } = start()
    const catalog = await backend.handlers['sandbox.catalog']({})
    expect(catalog.generations.map((generation) => generation.id)).toEqual(['beta-10', 'component-codes', 'beta-17', 'handshake'])
    expect(catalog.faults.map((fault) => fault.id)).toContain('database-down')
    expect(catalog.triageOrders).toHaveLength(4)

    const status = await backend.handlers['sandbox.configure']({ faults: ['try-again-1013'] })
    expect(status).toMatchObject({ running: false, faults: ['try-again-1013'], generation: 'beta-17' })
    const { sessionId } = await backend.handlers['session.connect']({ environmentId: 'sandbox' })
    await until(() => model(sessionId).state === 'closed')
    expect(model(sessionId).close).toMatchObject({ code: 1013, initiator: 'server' })
    expect(pushes.some((push) => push.event === 'sandbox.changed' && (push.payload as { running: boolean }).running)).toBe(true)

    await backend.handlers['sandbox.configure']({ faults: [] })
    const second = await backend.handlers['session.connect']({ environmentId: 'sandbox' })
    await until(() => model(second.sessionId).state === 'open')
  })

  it('rejects unknown generations, faults and triage orders, naming the valid ones', async () => {
    const { backend } = start()
    await expect(backend.handlers['sandbox.configure']({ generation: 'beta-99' })).rejects.toThrow(/beta-10, component-codes/)
    await expect(backend.handlers['sandbox.configure']({ faults: ['gremlins'] })).rejects.toThrow(/unknown sandbox fault\(s\): gremlins/)
    await expect(backend.handlers['sandbox.configure']({ triage: 'maybe' })).rejects.toThrow(/unknown triage order/)
    await expect(backend.handlers['sandbox.configure']({ faults: ['slow-llm:soon'] })).rejects.toThrow(/bad fault parameter\(s\): slow-llm:soon/)
    await expect(backend.handlers['sandbox.configure']({ faults: ['token-rejected:5'] })).rejects.toThrow(/only slow-llm takes one/)
    // A refused patch changes nothing.
    expect((await backend.handlers['sandbox.status']({})).faults).toEqual([])
  })

  it('answers heartbeat and handshake_response for the newest generation, and offers the legacy subprotocol pair', async () => {
    const { backend, model } = start()
    await backend.handlers['sandbox.configure']({ generation: 'handshake' })
    const { sessionId } = await backend.handlers['session.connect']({ environmentId: 'sandbox', subprotocolStyle: 'jwt-auth-legacy' })
    await until(() => model(sessionId).state === 'open')
    expect(model(sessionId).handshake?.subprotocolsOffered).toEqual(['jwt-auth', 'jwt.«redacted»'])
    await until(() => model(sessionId).rows.toArray().some((row) => row.dir === 'out' && row.label === 'handshake_acknowledged'))
    await backend.handlers['session.send']({ sessionId, text: 'Analyse my cloud costs', mode: 'user_message' })
    await until(() => model(sessionId).runs[0]?.status === 'completed')
  })
})
