// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest'
import type { MethodRequest } from '../../../shared/api/contract'
import type { LibraryEntry } from '../../../shared/api/library-schemas'
import { createFakeContractClient } from '../test-support/fake-contract-client'
import { STARTUP_HANDLERS } from '../test-support/sandbox-fixtures'
import { connectRequest } from './connect-request'
import { createAppStore } from './create-app-store'

function entry(i: number): LibraryEntry {
  return {
    id: `r-${i}.ndjson`,
    path: `/data/recordings/r-${i}.ndjson`,
    name: `Session ${i}`,
    sessionId: `s-${i}`,
    environmentId: 'sandbox',
    environmentName: 'Sandbox',
    url: 'ws://127.0.0.1:1/ws',
    startedAt: 1_764_582_000_000 - i,
    durationMs: 10,
    recordCount: 4,
    verdict: 'healthy',
    topFinding: null,
    sandboxFault: null,
    cutOff: false,
    bytes: 10,
    mtimeMs: 0
  }
}

/** A fake backend with `total` entries, paged like the real one. */
function setup(total: number) {
  const fake = createFakeContractClient({
    ...STARTUP_HANDLERS,
    'library.list': ({ offset = 0, limit = 100, text }: MethodRequest<'library.list'>) => {
      const all = Array.from({ length: total }, (_, i) => entry(i)).filter(
        (e) => !text || e.name.includes(text)
      )
      return {
        entries: all.slice(offset, offset + limit),
        total: all.length,
        facets: { environments: [], components: [] }
      }
    },
    'library.delete': () => ({ ok: true as const }),
    'library.restore': () => ({ ok: true as const }),
    'library.reveal': ({ id }) => ({ path: `/data/recordings/${id}`, revealed: false })
  })
  return { fake, store: createAppStore(fake.client) }
}

describe('library slice', () => {
  it('fetches only the pages the visible window asks for, never the whole library', async () => {
    const { fake, store } = setup(10_000)
    await store.getState().loadLibrary()
    expect(store.getState().libraryTotal).toBe(10_000)
    expect(Object.keys(store.getState().libraryRows)).toHaveLength(200)
    await store.getState().loadLibraryRange(5_000, 5_020)
    expect(store.getState().libraryRows[5_010]?.id).toBe('r-5010.ndjson')
    expect(store.getState().libraryRows[1_000]).toBeUndefined()
    const lists = fake.calls.filter((call) => call.method === 'library.list').map((call) => call.request)
    expect(lists).toEqual([
      { offset: 0, limit: 200 },
      { offset: 5_000, limit: 200 }
    ])
  })

  it('sends the filter to the backend and starts again from the first page', async () => {
    const { fake, store } = setup(50)
    store.getState().setLibraryFilter({ text: ' Session 4 ', verdict: 'failing' })
    await vi.waitFor(() =>
      expect(fake.calls.at(-1)?.request).toEqual({
        offset: 0,
        limit: 200,
        text: 'Session 4',
        verdict: 'failing'
      })
    )
  })

  it('deletes with an Undo that restores, and shows a path it could not reveal', async () => {
    const { fake, store } = setup(3)
    await store.getState().deleteLibraryEntry(entry(1))
    expect(store.getState().lastDeleted).toEqual({ id: 'r-1.ndjson', name: 'Session 1' })
    await store.getState().undoDelete()
    expect(fake.calls.map((call) => call.method).filter((method) => method.startsWith('library.'))).toEqual(['library.delete', 'library.restore'])
    expect(store.getState().lastDeleted).toBeNull()
    await store.getState().revealLibraryEntry('r-2.ndjson')
    expect(store.getState().revealedPath).toBe('/data/recordings/r-2.ndjson')
  })

  it('asks for no recording only when the toggle is off (recording is the backend default)', () => {
    const state = {
      environments: [],
      selectedEnvironmentId: 'sandbox',
      authMethod: null,
      subprotocolStyle: null,
      pingIntervalMs: null,
      credentialId: null,
      credentials: []
    }
    expect(connectRequest({ ...state, recordSessions: true })).toEqual({ environmentId: 'sandbox' })
    expect(connectRequest({ ...state, recordSessions: false })).toEqual({
      environmentId: 'sandbox',
      record: false
    })
  })

  it('imports a HAR: one WebSocket entry straight away, several through the picker, then opens the recording', async () => {
    const harEntry = (index: number) => ({ index, url: `wss://example.test/ws/${index}`, started: null, status: 101, messages: 3 })
    const opened = { id: 'r-har', environmentId: 'imported', environmentName: 'HAR', url: 'wss://example.test/ws', state: 'closed' as const, startedAt: 0, recordCount: 5, origin: 'recording' as const }
    let entries = [harEntry(2)]
    const fake = createFakeContractClient({
      ...STARTUP_HANDLERS,
      'recordings.har-entries': () => ({ entries }),
      'recordings.import-har': ({ entry }: MethodRequest<'recordings.import-har'>) => ({ path: `/data/recordings/har-${entry}.ndjson`, records: 5, entry }),
      'recordings.open': () => ({ session: opened })
    })
    const store = createAppStore(fake.client)
    await store.getState().openHarFile('/uploads/one.har')
    expect(store.getState().harPick).toBeNull()
    expect(fake.calls.find((call) => call.method === 'recordings.import-har')?.request).toEqual({ path: '/uploads/one.har', entry: 2 })
    expect(fake.calls.find((call) => call.method === 'recordings.open')?.request).toEqual({ path: '/data/recordings/har-2.ndjson' })
    expect(store.getState().activeSessionId).toBe('r-har')

    entries = [harEntry(1), harEntry(4)]
    await store.getState().openHarFile('/uploads/two.har')
    expect(store.getState().harPick).toMatchObject({ fileName: 'two.har', entries })
    await store.getState().pickHarEntry(4)
    expect(store.getState().harPick).toBeNull()
    expect(fake.calls.filter((call) => call.method === 'recordings.import-har').at(-1)?.request).toEqual({ path: '/uploads/two.har', entry: 4 })

    await store.getState().openHarFile('/uploads/three.har')
    store.getState().cancelHarPick()
    expect(store.getState().harPick).toBeNull()
    expect(fake.calls.filter((call) => call.method === 'recordings.import-har')).toHaveLength(2)
  })
})
