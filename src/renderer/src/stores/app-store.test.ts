// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest'
import { describe, expect, it, vi } from 'vitest'
import { INITIAL_HOST_STATUS, type HostStatus } from '../api/host-status'
import { createFakeContractClient, type FakeHandlers } from '../test-support/fake-contract-client'
import { messageRecord, openedSession } from '../test-support/records'
import { sandboxStatus, STARTUP_HANDLERS } from '../test-support/sandbox-fixtures'
import { bindEvents } from './bind-events'
import { createAppStore } from './create-app-store'
import { RECORD_RETRY_MS } from './sessions-slice'

function setup(handlers: FakeHandlers = {}) {
  const fake = createFakeContractClient({ ...STARTUP_HANDLERS, ...handlers })
  const store = createAppStore(fake.client)
  const statusListeners = new Set<(status: HostStatus) => void>()
  const unbind = bindEvents(
    {
      kind: 'web',
      client: fake.client,
      onStatus: (listener) => {
        statusListeners.add(listener)
        return () => statusListeners.delete(listener)
      }
    },
    store
  )
  const setHost = (status: Partial<HostStatus>): void =>
    statusListeners.forEach((listener) => listener({ ...INITIAL_HOST_STATUS, ...status }))
  return { fake, store, unbind, setHost }
}

const seqsOf = (items: { seq: number }[]): number[] => items.map((item) => item.seq)

describe('app store', () => {
  it('loads environments and picks the default', async () => {
    const { store } = setup()
    await vi.waitFor(() => expect(store.getState().environmentsLoaded).toBe(true))
    expect(store.getState().selectedEnvironmentId).toBe('sandbox')
  })

  it('applies pushed records through the reducer: rows, counters, connection', () => {
    const { fake, store } = setup()
    fake.emit('session.records', { sessionId: 's1', records: openedSession() })
    fake.emit('session.records', { sessionId: 's1', records: [messageRecord(3, { type: 'user_message' }, 'out')] })

    const model = store.getState().models.s1
    expect(model.rows.toArray().map((row) => row.label)).toEqual([
      'session start · Sandbox',
      'handshake 101',
      'connection_established',
      'user_message'
    ])
    expect(model.state).toBe('open')
    expect(model.stats.framesIn).toBe(1)
    expect(model.stats.framesOut).toBe(1)
    expect(model.connection?.connectionId).toBe('conn_1')
  })

  it('after connect, fetches the backlog from seq 0 and drops the overlap with live pushes', async () => {
    const backlog = openedSession()
    const { fake, store } = setup({
      'session.connect': () => {
        // The backend pushes while the connect call is still in flight.
        fake.emit('session.records', { sessionId: 's1', records: backlog.slice(0, 2) })
        return { sessionId: 's1' }
      },
      'session.records': ({ fromSeq }) => ({ records: backlog.slice(fromSeq), nextSeq: backlog.length, done: true })
    })
    await vi.waitFor(() => expect(store.getState().selectedEnvironmentId).toBe('sandbox'))
    await store.getState().connect()

    // The environment's own subprotocol style is sent: the backend does not fall back to it.
    expect(fake.calls.find((call) => call.method === 'session.connect')?.request).toEqual({ environmentId: 'sandbox', subprotocolStyle: 'jwt' })
    expect(fake.calls.find((call) => call.method === 'session.records')?.request).toMatchObject({ sessionId: 's1', fromSeq: 0 })
    expect(store.getState().activeSessionId).toBe('s1')
    expect(seqsOf(store.getState().models.s1.rows.toArray())).toEqual([0, 1, 2])
  })

  it('fills a gap in pushed records from the backlog before applying them', async () => {
    const all = [...openedSession(), ...[3, 4, 5, 6].map((seq) => messageRecord(seq, { type: 'stream_chunk' }))]
    const { fake, store } = setup({
      'session.records': ({ fromSeq }) => ({ records: all.slice(fromSeq, 5), nextSeq: 5, done: true })
    })
    fake.emit('session.records', { sessionId: 's1', records: all.slice(0, 2) })
    // seq 2–4 never arrive as pushes (the host link dropped meanwhile).
    fake.emit('session.records', { sessionId: 's1', records: all.slice(5) })

    await vi.waitFor(() => expect(store.getState().models.s1.lastSeq).toBe(6))
    expect(seqsOf(store.getState().models.s1.rows.toArray())).toEqual([0, 1, 2, 3, 4, 5, 6])
    expect(fake.calls.find((call) => call.method === 'session.records')?.request).toMatchObject({ fromSeq: 2 })
  })

  it('loads a big backlog in small pages, every record in order, with live pushes arriving meanwhile', async () => {
    const total = 10_000
    const all = [...openedSession(), ...Array.from({ length: total - 3 }, (_, i) => messageRecord(i + 3, { type: 'stream_chunk' }))]
    let live = total
    const { fake, store } = setup({
      'session.records': ({ fromSeq, limit }) => {
        // The session keeps going while its backlog is read: a push after every page.
        const pushed = messageRecord(live, { type: 'stream_chunk' })
        all.push(pushed)
        live += 1
        queueMicrotask(() => fake.emit('session.records', { sessionId: 's1', records: [pushed] }))
        const records = all.slice(fromSeq, fromSeq + (limit ?? 50))
        return { records, nextSeq: fromSeq + records.length, done: fromSeq + records.length >= all.length }
      }
    })
    await store.getState().syncSession('s1', 0)
    await vi.waitFor(() => expect(store.getState().models.s1.lastSeq).toBe(all.length - 1))
    const pages = fake.calls.filter((call) => call.method === 'session.records').map((call) => call.request as { limit: number })
    // No page bigger than a record chunk: a page is one message, parsed in one task.
    expect(pages.length).toBeGreaterThanOrEqual(3)
    for (const page of pages) expect(page.limit).toBeLessThanOrEqual(4096)
    expect(seqsOf(store.getState().models.s1.rows.toArray())).toEqual(all.map((record) => record.seq))
  })

  it('keeps rows for every record, full records in its window, and fetches a range it does not hold', async () => {
    const older = [...openedSession(), ...[3, 4, 5].map((seq) => messageRecord(seq, { type: 'stream_chunk' }))]
    const { fake, store } = setup({
      'session.records': ({ fromSeq, limit }) => ({ records: older.slice(fromSeq, fromSeq + (limit ?? 50)), nextSeq: older.length, done: true })
    })
    fake.emit('session.records', { sessionId: 's1', records: older.slice(0, 3) })
    const state = store.getState()
    expect(state.models.s1.records).toHaveLength(0)
    expect(state.recordAt('s1', 2)).toBe(older[2])
    // A session this window never received: the detail asks for the range holding the frame.
    expect(state.recordAt('s2', 4)).toBeUndefined()
    await state.loadRecord('s2', 4)
    expect(fake.calls.filter((call) => call.method === 'session.records').map((call) => call.request)).toEqual([
      { sessionId: 's2', fromSeq: 0, limit: 4096 }
    ])
    expect(store.getState().recordAt('s2', 4)).toEqual(older[4])
    expect(store.getState().recordsLoaded).toBe(1)
    // Held now: no second fetch.
    await store.getState().loadRecord('s2', 5)
    expect(fake.calls.filter((call) => call.method === 'session.records')).toHaveLength(1)
  })

  it('tries a record range that failed to load twice more before reporting it, and keeps what it was asked to keep', async () => {
    vi.useFakeTimers()
    try {
      const older = [...openedSession(), ...[3, 4, 5].map((seq) => messageRecord(seq, { type: 'agent_completed' }))]
      let failures = 2
      const { fake, store } = setup({
        'session.records': ({ fromSeq, limit }) => {
          if (failures-- > 0) throw new Error('the web host is reconnecting')
          return { records: older.slice(fromSeq, fromSeq + (limit ?? 50)), nextSeq: older.length, done: true }
        }
      })
      const loading = store.getState().loadRecord('s2', 4, true)
      await vi.advanceTimersByTimeAsync(RECORD_RETRY_MS.reduce((sum, ms) => sum + ms, 0))
      await loading
      expect(fake.calls.filter((call) => call.method === 'session.records')).toHaveLength(3)
      expect(store.getState().recordAt('s2', 4)).toEqual(older[4])
      expect(store.getState().notices).toEqual([])

      // Failing every time: reported once, after the last try.
      failures = Number.POSITIVE_INFINITY
      const failing = store.getState().loadRecord('s3', 1)
      await vi.advanceTimersByTimeAsync(RECORD_RETRY_MS.reduce((sum, ms) => sum + ms, 0))
      await failing
      expect(store.getState().notices.map((notice) => [notice.title, notice.message])).toEqual([['Could not load the frame', 'the web host is reconnecting']])
    } finally {
      vi.useRealTimers()
    }
  })

  it('keeps the session list current from sessions.changed', () => {
    const { fake, store } = setup()
    const summary = {
      id: 's9',
      environmentId: 'sandbox',
      environmentName: 'Sandbox',
      url: 'ws://127.0.0.1:9/ws',
      state: 'open' as const,
      startedAt: 1,
      recordCount: 3,
      origin: 'live' as const
    }
    fake.emit('sessions.changed', { sessions: [summary] })
    expect(store.getState().summaries).toEqual([summary])
  })

  it('turns a failed call into a notice instead of losing it', async () => {
    const { store } = setup({ 'session.connect': () => Promise.reject(new Error('sandbox refused: port in use')) })
    await vi.waitFor(() => expect(store.getState().selectedEnvironmentId).toBe('sandbox'))
    await store.getState().connect()
    expect(store.getState().notices).toMatchObject([
      { level: 'error', title: 'Could not connect', message: 'sandbox refused: port in use' }
    ])
    expect(store.getState().pendingAction).toBeNull()
  })

  it('refetches what it missed after the host link comes back', async () => {
    const all = openedSession()
    const { fake, store, setHost } = setup({
      'session.records': ({ fromSeq }) => ({ records: all.slice(fromSeq), nextSeq: all.length, done: true })
    })
    fake.emit('session.records', { sessionId: 's1', records: all.slice(0, 1) })
    setHost({ state: 'disconnected', attempt: 1, everOpened: true, retryAt: Date.now() + 500 })
    expect(store.getState().hostStatus.state).toBe('disconnected')
    setHost({ state: 'open', everOpened: true })

    await vi.waitFor(() => expect(store.getState().models.s1.lastSeq).toBe(2))
  })

  it('loads the sandbox state and follows sandbox.changed', async () => {
    const { fake, store } = setup()
    await vi.waitFor(() => expect(store.getState().sandboxCatalog?.faults.length).toBeGreaterThan(0))
    expect(store.getState().sandboxStatus).toEqual(sandboxStatus())
    fake.emit('sandbox.changed', sandboxStatus({ running: true, faults: ['tcp-drop'] }))
    expect(store.getState().sandboxStatus?.faults).toEqual(['tcp-drop'])
  })

  it('unbinds every listener', () => {
    const { fake, unbind } = setup()
    expect(fake.listenerCount('session.records')).toBe(1)
    unbind()
    expect(fake.listenerCount('session.records')).toBe(0)
    expect(fake.listenerCount('sessions.changed')).toBe(0)
    expect(fake.listenerCount('sandbox.changed')).toBe(0)
  })
})
