import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ContractBackend } from '../../../shared/api/contract'
import { createBackend } from '../../backend/create-backend'
import { harnessFor, type Harness } from '../../backend/testing/backend-harness'
import { MemoryKeychain } from '../../credentials/memory-keychain'
import { writeSyntheticRecording } from '../testing/synthetic-recording'

const backends: ContractBackend[] = []
const dirs: string[] = []
afterEach(async () => {
  await Promise.all(backends.splice(0).map((backend) => backend.dispose()))
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'netra-library-'))
  dirs.push(dir)
  return dir
}

/** A backend on `dataDir` (the library in `<dataDir>/recordings` unless `recordingsDirEnv`). */
function start(dataDir: string, recordingsDirEnv?: string): Harness {
  const backend = createBackend({
    host: 'cli',
    dataDir,
    keychain: new MemoryKeychain(),
    sandbox: { stepDelayMs: 1 },
    preflight: null,
    recordingsDirEnv
  })
  backends.push(backend)
  return harnessFor(backend, dataDir)
}

async function stop(harness: Harness): Promise<void> {
  backends.splice(backends.indexOf(harness.backend), 1)
  await harness.backend.dispose()
}

/** Connect to the sandbox, ask one question, wait for the answer (or the end), disconnect. */
async function session(harness: Harness, request: { record?: boolean } = {}): Promise<string> {
  const { sessionId } = await harness.call('session.connect', { environmentId: 'sandbox', ...request })
  const model = () => harness.model(sessionId)
  await harness.until(() => model().state === 'open' || model().state === 'closed')
  // A fault may close the connection at any moment: a refused send is part of the story, not a test failure.
  const sent = await harness
    .call('session.send', { sessionId, text: 'Analyse my cloud costs', mode: 'user_message' })
    .catch(() => null)
  if (sent)
    await harness.until(
      () =>
        (model().runs[0] !== undefined && model().runs[0].status !== 'running') || model().state === 'closed',
      20_000
    )
  if (model().state !== 'closed')
    await harness.call('session.disconnect', { sessionId }).catch(() => undefined)
  return sessionId
}

const ndjsonIn = (dir: string): string[] =>
  existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.ndjson')) : []

describe('the library', () => {
  it('survives a restart: recordings are listed with their verdict, top finding and sandbox fault', async () => {
    const dataDir = tempDir()
    const first = start(dataDir)
    const healthy = await session(first)
    await first.call('sandbox.configure', { faults: ['database-down'] })
    const failing = await session(first)
    await first.until(() => first.pushes.filter((push) => push.event === 'library.changed').length >= 2)
    await stop(first)

    const second = start(dataDir)
    const { entries, total, facets } = await second.call('library.list', {})
    expect(total).toBe(2)
    const bySession = new Map(entries.map((entry) => [entry.sessionId, entry]))
    expect(bySession.get(healthy)).toMatchObject({
      verdict: 'healthy',
      sandboxFault: null,
      cutOff: false,
      environmentId: 'sandbox'
    })
    expect(bySession.get(failing)).toMatchObject({
      verdict: 'failing',
      sandboxFault: 'database-down',
      topFinding: { component: 'database' }
    })
    expect(bySession.get(healthy)?.recordCount).toBeGreaterThan(5)
    expect(facets.components).toContain('database')
    // Newest first.
    expect(entries[0].sessionId).toBe(failing)
    // Filters run in the backend.
    expect(
      (await second.call('library.list', { verdict: 'failing' })).entries.map((entry) => entry.sessionId)
    ).toEqual([failing])
    expect((await second.call('library.list', { component: 'database' })).total).toBe(1)
    expect((await second.call('library.list', { text: 'DATABASE-down' })).total).toBe(1)
    expect((await second.call('library.list', { text: 'no such words' })).total).toBe(0)
    expect(
      (await second.call('library.list', { limit: 1, offset: 1 })).entries.map((entry) => entry.sessionId)
    ).toEqual([healthy])
  }, 60_000)

  it('recording off writes nothing to disk, and the session still serves its records by range', async () => {
    const dataDir = tempDir()
    const harness = start(dataDir)
    const sessionId = await session(harness, { record: false })
    const backlog = await harness.call('session.records', { sessionId, fromSeq: 0 })
    expect(backlog.records.length).toBeGreaterThan(5)
    expect(backlog.records).toEqual(harness.model(sessionId).records)
    const exported = await harness.call('session.export', { sessionId, format: 'ndjson' })
    expect(exported.content.split('\n').length).toBeGreaterThan(backlog.records.length)
    expect(ndjsonIn(join(dataDir, 'recordings'))).toEqual([])
    expect((await harness.call('library.list', {})).total).toBe(0)
    // …while a recorded one is on disk.
    await session(harness)
    expect(ndjsonIn(join(dataDir, 'recordings'))).toHaveLength(1)
  }, 60_000)

  it('renames, deletes into .trash/, restores, and empties the trash at the next start', async () => {
    const dataDir = tempDir()
    const first = start(dataDir)
    await session(first)
    await first.until(() => first.pushes.some((push) => push.event === 'library.changed'))
    const [entry] = (await first.call('library.list', {})).entries
    await first.call('library.rename', { id: entry.id, name: 'customer 4411 — the slow one' })
    expect((await first.call('library.list', { text: 'customer 4411' })).total).toBe(1)

    await first.call('library.delete', { id: entry.id })
    expect((await first.call('library.list', {})).total).toBe(0)
    expect(existsSync(entry.path)).toBe(false)
    expect(readdirSync(join(dataDir, 'recordings', '.trash'))).toHaveLength(1)
    await first.call('library.restore', { id: entry.id })
    expect(existsSync(entry.path)).toBe(true)
    expect((await first.call('library.list', {})).entries[0].name).toBe('customer 4411 — the slow one')
    await expect(first.call('library.restore', { id: entry.id })).rejects.toThrow(/not in the trash/)
    await expect(first.call('library.delete', { id: '../outside.ndjson' })).rejects.toThrow(
      /inside the library folder/
    )

    await first.call('library.delete', { id: entry.id })
    expect(
      await first.call('library.reveal', { id: entry.id }).catch((error: Error) => error.message)
    ).toMatch(/no recording/)
    await stop(first)
    const second = start(dataDir)
    await second.until(() => !existsSync(join(dataDir, 'recordings', '.trash')))
    expect((await second.call('library.list', {})).total).toBe(0)
  }, 60_000)

  it('reconciles once at start: new files indexed in the background with progress, missing ones dropped', async () => {
    const dataDir = tempDir()
    const first = start(dataDir)
    await session(first)
    await first.until(() => first.pushes.some((push) => push.event === 'library.changed'))
    const [recorded] = (await first.call('library.list', {})).entries
    await stop(first)

    const folder = join(dataDir, 'recordings')
    rmSync(recorded.path)
    for (let i = 0; i < 3; i++)
      writeSyntheticRecording(join(folder, `synthetic-${i}.ndjson`), { records: 500 })
    writeFileSync(join(folder, 'not-a-recording.ndjson'), 'hello\n')
    const second = start(dataDir)
    await second.until(() =>
      second.pushes.some(
        (push) =>
          push.event === 'library.changed' &&
          (push.payload as { indexing: unknown }).indexing === null &&
          (push.payload as { total: number }).total === 3
      )
    )
    const progress = second.pushes
      .filter((push) => push.event === 'library.changed')
      .map((push) => push.payload as { indexing: { total: number } | null })
    expect(progress.some((change) => change.indexing?.total === 4)).toBe(true)
    const { entries } = await second.call('library.list', {})
    expect(entries.map((entry) => entry.id).sort()).toEqual([
      'synthetic-0.ndjson',
      'synthetic-1.ndjson',
      'synthetic-2.ndjson'
    ])
    // A synthetic recording has no close: it is cut off.
    expect(entries[0]).toMatchObject({ recordCount: 500, cutOff: true, environmentName: 'Sandbox' })
  }, 60_000)

  it('opens a recording as a read-only session served by range; a bad file is a clear error naming it', async () => {
    const dataDir = tempDir()
    const harness = start(dataDir)
    const outside = tempDir()
    const path = join(outside, 'big.ndjson')
    writeSyntheticRecording(path, { records: 60_000 })
    const { session: summary } = await harness.call('recordings.open', { path })
    expect(summary).toMatchObject({ origin: 'recording', state: 'closed', environmentName: 'Sandbox' })
    expect((await harness.call('session.list', {})).sessions.map((s) => s.id)).toContain(summary.id)
    // Paging from 0 gets every record, even while the file is still being indexed.
    const first = await harness.call('session.records', { sessionId: summary.id, fromSeq: 0 })
    const second = await harness.call('session.records', { sessionId: summary.id, fromSeq: first.nextSeq })
    expect(first.records).toHaveLength(50_000)
    expect(second).toMatchObject({ done: true, nextSeq: 60_000 })
    expect(second.records.at(-1)?.seq).toBe(59_999)
    await expect(
      harness.call('session.send', { sessionId: summary.id, text: 'hi', mode: 'raw' })
    ).rejects.toMatchObject({ code: 'invalid-request', message: expect.stringMatching(/read-only/) })
    // Opening it again gives the same session.
    expect((await harness.call('recordings.open', { path })).session.id).toBe(summary.id)

    // A file cut off mid-line (a crash): opened up to its last complete record, the cut line named.
    const cut = join(outside, 'cut.ndjson')
    writeSyntheticRecording(cut, { records: 100 })
    appendFileSync(cut, '{"seq":100,"t":10,"dir":"in","kind":"mess')
    const cutOpen = await harness.call('recordings.open', { path: cut })
    expect(cutOpen.session.recordCount).toBe(100)
    expect(cutOpen.issues).toEqual([expect.stringMatching(new RegExp(`^${cut}:102: .*`))])

    const bad = join(outside, 'garbled.ndjson')
    writeFileSync(
      bad,
      '{"format":"netra-session","version":99,"sessionId":"s-x","createdAt":"2026-01-01T00:00:00.000Z","app":{"name":"netra-diagnostics","version":"9"}}\n'
    )
    await expect(harness.call('recordings.open', { path: bad })).rejects.toThrow(
      new RegExp(`${bad}.*version 99`)
    )
    await expect(harness.call('recordings.open', { path: join(outside, 'missing.ndjson') })).rejects.toThrow(
      /no recording at/
    )
    await expect(harness.call('recordings.open', { path: join(outside, 'x.txt') })).rejects.toThrow(
      /not a .ndjson recording/
    )
    await expect(harness.call('recordings.open', { path: 'relative.ndjson' })).rejects.toThrow(
      /path must be absolute/
    )
  }, 60_000)

  it('takes a browser upload in chunks into imports/, then opens and indexes it', async () => {
    const dataDir = tempDir()
    const harness = start(dataDir)
    const source = join(tempDir(), 'upload.ndjson')
    writeSyntheticRecording(source, { records: 2_000 })
    const bytes = (await import('node:fs')).readFileSync(source)
    const half = Math.floor(bytes.length / 2)
    const a = await harness.call('recordings.upload', {
      fileName: '../../evil/upload.ndjson',
      offset: 0,
      base64: bytes.subarray(0, half).toString('base64'),
      done: false
    })
    await expect(
      harness.call('recordings.upload', {
        uploadId: a.uploadId,
        fileName: 'upload.ndjson',
        offset: 5,
        base64: '',
        done: false
      })
    ).rejects.toThrow(/expected/)
    const b = await harness.call('recordings.upload', {
      uploadId: a.uploadId,
      fileName: 'upload.ndjson',
      offset: half,
      base64: bytes.subarray(half).toString('base64'),
      done: true
    })
    expect(b.path).toBe(join(dataDir, 'recordings', 'imports', 'upload.ndjson'))
    expect(b.bytes).toBe(bytes.length)
    const { session: opened } = await harness.call('recordings.open', { path: b.path as string })
    expect(opened.recordCount).toBeGreaterThan(0)
    await harness.until(() =>
      harness.pushes.some(
        (push) => push.event === 'library.changed' && (push.payload as { total: number }).total === 1
      )
    )
    expect((await harness.call('library.list', {})).entries[0].id).toBe('imports/upload.ndjson')
  }, 60_000)

  it('follows NETRA_DIAG_RECORDINGS_DIR and a persisted folder setting', async () => {
    const dataDir = tempDir()
    const elsewhere = tempDir()
    const fromEnv = start(dataDir, elsewhere)
    expect(await fromEnv.call('library.settings', {})).toMatchObject({
      recordingsDir: elsewhere,
      source: 'env'
    })
    await expect(fromEnv.call('library.configure', { recordingsDir: dataDir })).rejects.toThrow(
      /NETRA_DIAG_RECORDINGS_DIR/
    )
    await stop(fromEnv)

    const configured = start(dataDir)
    expect(await configured.call('library.settings', {})).toMatchObject({
      recordingsDir: join(dataDir, 'recordings'),
      source: 'default'
    })
    copyFileSync(writeAndReturn(join(elsewhere, 'old.ndjson')), join(elsewhere, 'older.ndjson'))
    await configured.call('library.configure', { recordingsDir: elsewhere })
    await configured.until(() =>
      configured.pushes.some(
        (push) =>
          push.event === 'library.changed' &&
          (push.payload as { total: number; indexing: unknown }).total === 2 &&
          (push.payload as { indexing: unknown }).indexing === null
      )
    )
    await stop(configured)
    const again = start(dataDir)
    expect(await again.call('library.settings', {})).toMatchObject({
      recordingsDir: elsewhere,
      source: 'setting'
    })
    expect((await again.call('library.list', {})).total).toBe(2)
  }, 60_000)
})

function writeAndReturn(path: string): string {
  writeSyntheticRecording(path, { records: 20 })
  return path
}
