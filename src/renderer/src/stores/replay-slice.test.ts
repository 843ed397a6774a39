import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readRecording } from '../../../cli/commands/replay-command'
import { runProbe } from '../../../cli/probe/run-probe'
import { createBackend } from '../../../main/backend/create-backend'
import type { FrameRecord } from '../../../shared/api/frame-record'
import { diagnoseSession } from '../../../shared/diagnosis'
import { applyRecords, createSessionModel, type SessionModel } from '../../../shared/session-model'
import { createFakeContractClient } from '../test-support/fake-contract-client'
import { STARTUP_HANDLERS } from '../test-support/sandbox-fixtures'
import { createInThreadDiagnosisForTests } from '../workers/diagnosis-service'
import { createAppStore } from './create-app-store'
import { REPLAY_PAGE } from './replay-reader'
import { REBUILD_CHUNK } from './replay-slice'

const dir = mkdtempSync(join(tmpdir(), 'netra-replay-slice-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const FAULTS = ['healthy', 'factory-failure', 'tcp-drop', 'missing-tool-completed', 'server-silent'] as const
const sessions = new Map<string, FrameRecord[]>()

// Real sandbox sessions, recorded as the app records them.
beforeAll(async () => {
  for (const fault of FAULTS) {
    const file = join(dir, `${fault}.ndjson`)
    const backend = createBackend({ host: 'cli', sandbox: { faults: fault === 'healthy' ? [] : [fault], stepDelayMs: 5 }, recordingPath: () => file })
    try {
      await runProbe(backend, { environmentId: 'sandbox', message: 'Analyse my cloud costs', timeoutMs: 4_000 })
    } finally {
      await backend.dispose()
    }
    sessions.set(fault, (await readRecording(file, () => undefined)).records)
  }
}, 120_000)

/** What a view shows of a model (everything but the id and how many batches built it). */
function shown(model: SessionModel | undefined): unknown {
  if (!model) return undefined
  const { sessionId: _id, version: _version, records: _records, retainRecords: _retain, ...rest } = model
  return rest
}

/** Every `session.records` call the replay made: where from, how many asked. */
let calls: Array<{ fromSeq: number; limit: number | undefined }> = []

function setup(records: FrameRecord[], failing?: { fromSeq: number; on: boolean }) {
  calls = []
  const fake = createFakeContractClient({
    ...STARTUP_HANDLERS,
    'session.records': ({ fromSeq, limit }) => {
      calls.push({ fromSeq, limit })
      if (failing?.on && fromSeq >= failing.fromSeq) throw new Error('the recording went away')
      const page = records.filter((record) => record.seq >= fromSeq).slice(0, limit ?? 50_000)
      const nextSeq = (page.at(-1)?.seq ?? fromSeq - 1) + 1
      return { records: page, nextSeq, done: nextSeq > (records.at(-1)?.seq ?? -1) }
    }
  })
  return createAppStore(fake.client, createInThreadDiagnosisForTests())
}

describe('replay through the same reducer and diagnosis', () => {
  for (const fault of FAULTS) {
    it(`${fault}: after replaying to record N, the model and diagnosis equal the live fold after N records`, async () => {
      const records = sessions.get(fault) ?? []
      expect(records.length).toBeGreaterThan(5)
      const store = setup(records)
      await store.getState().startReplay('s1')
      expect(store.getState().replay?.cursor).toBe(records.length)
      // Forward and backward, every record for small sessions.
      const points = [...records.keys()].map((index) => index + 1).reverse()
      for (const n of [...points.slice(0, 3), ...points.filter((_, index) => index % 3 === 0), 1, records.length]) {
        await store.getState().seekReplay(n)
        const { replay, models } = store.getState()
        const viewId = replay?.viewId ?? ''
        expect(replay?.cursor).toBe(n)
        expect(store.getState().activeSessionId).toBe(viewId)
        const live = applyRecords(createSessionModel('live', { retainRecords: false }), records.slice(0, n))
        expect(shown(models[viewId]), `model after ${n}`).toEqual(shown(live))

        store.getState().watchDiagnosis(viewId, { sla: undefined, expectedGeneration: null, clock: 'records' })
        const judged = store.getState().diagnoses[viewId]
        const full = applyRecords(createSessionModel(viewId), records.slice(0, n))
        const open = full.state === 'open' || full.state === 'connecting'
        // The live session was judged at the time its N-th record arrived.
        const nowMs = open && full.start ? full.start.wallClock + records[n - 1].t : undefined
        expect(judged?.diagnosis, `diagnosis after ${n}`).toEqual(diagnoseSession(full, { nowMs }))
      }
    }, 120_000)
  }

  it('steps one record, plays at 16× to the end, and rebuilds a big session in chunks with progress', async () => {
    const base = sessions.get('healthy') ?? []
    const store = setup(base)
    await store.getState().startReplay('s1')
    await store.getState().seekReplay(2)
    store.getState().stepReplay()
    expect(store.getState().replay?.cursor).toBe(3)
    store.getState().setReplaySpeed(16)
    store.getState().playReplay()
    expect(store.getState().replay?.playing).toBe(true)
    for (let i = 0; i < 400 && (store.getState().replay?.cursor ?? 0) < base.length; i++) await new Promise((resolve) => setTimeout(resolve, 25))
    expect(store.getState().replay?.cursor).toBe(base.length)
    expect(store.getState().replay?.playing).toBe(false)

    // A session bigger than one chunk: progress is reported chunk by chunk while rebuilding.
    const big: FrameRecord[] = [...base]
    const message = base.find((record) => record.kind === 'message' && record.dir === 'in')
    while (big.length < REBUILD_CHUNK * 3 && message) big.push({ ...message, seq: big.length, t: big.at(-1)?.t ?? 0 })
    const bigStore = setup(big)
    const progress: number[] = []
    bigStore.subscribe((state) => {
      const done = state.replay?.rebuilding?.done
      if (done !== undefined && progress.at(-1) !== done) progress.push(done)
    })
    await bigStore.getState().startReplay('s1')
    expect(progress).toEqual([0, REBUILD_CHUNK, REBUILD_CHUNK * 2, REBUILD_CHUNK * 3])
    expect(bigStore.getState().replay?.rebuilding).toBeNull()
    // Streamed by pages, each asked once and in order: the page never holds the whole session.
    expect(calls.every((call) => call.limit === REPLAY_PAGE)).toBe(true)
    expect(calls.map((call) => call.fromSeq)).toEqual(Array.from({ length: Math.ceil(big.length / REPLAY_PAGE) }, (_, i) => i * REPLAY_PAGE))
    expect(bigStore.getState().replay?.cursor).toBe(big.length)
    expect(bigStore.getState().replay?.total).toBe(big.length)
  }, 60_000)

  it('a read that fails mid-replay is reported, stops where it got to, and the next seek reads on', async () => {
    const base = sessions.get('healthy') ?? []
    const big: FrameRecord[] = [...base]
    const message = base.find((record) => record.kind === 'message' && record.dir === 'in')
    while (big.length < REPLAY_PAGE * 3 && message) big.push({ ...message, seq: big.length, t: big.at(-1)?.t ?? 0 })
    const failing = { fromSeq: REPLAY_PAGE * 2, on: true }
    const store = setup(big, failing)
    // The session list says how many records there are, so the replay can be moved past what it has read.
    store.getState().setSummaries([{ id: 's1', environmentId: 'sandbox', environmentName: 'Sandbox', url: 'ws://127.0.0.1:1/ws', state: 'closed', startedAt: 0, recordCount: big.length, origin: 'recording' }])
    await store.getState().startReplay('s1')
    const state = store.getState()
    expect(state.replay?.cursor).toBe(REPLAY_PAGE * 2)
    expect(state.replay?.total).toBe(big.length)
    expect(state.replay?.playing).toBe(false)
    expect(state.replay?.rebuilding).toBeNull()
    expect(state.notices.at(-1)).toMatchObject({ level: 'error', title: 'Could not read the session to replay', message: expect.stringContaining('the recording went away') })
    failing.on = false
    await store.getState().seekReplay(REPLAY_PAGE * 3)
    expect(store.getState().replay?.cursor).toBe(REPLAY_PAGE * 3)
    const viewId = store.getState().replay?.viewId ?? ''
    // The ingest queue applies a big batch in slices across tasks.
    for (let i = 0; i < 200 && store.getState().models[viewId]?.lastSeq !== big.length - 1; i++) await new Promise((resolve) => setTimeout(resolve, 5))
    expect(store.getState().models[viewId]?.lastSeq).toBe(big.length - 1)
  }, 60_000)
})
