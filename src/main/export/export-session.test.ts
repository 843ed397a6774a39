import { mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ContractBackend } from '../../shared/api/contract'
import type { FrameRecord } from '../../shared/api/frame-record'
import { SessionLogReader } from '../../shared/session-log/session-log-format'
import { applyRecords, createSessionModel } from '../../shared/session-model'
import { createBackend } from '../backend/create-backend'
import { readSessionLog } from '../recordings/read-session-log'

let backend: ContractBackend | null = null
let dataDir: string | null = null
afterEach(async () => {
  await backend?.dispose()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  backend = null
  dataDir = null
})

async function completedSession(faults: string[] = []): Promise<{ backend: ContractBackend; sessionId: string; records: FrameRecord[] }> {
  dataDir = mkdtempSync(join(tmpdir(), 'netra-export-'))
  backend = createBackend({ host: 'cli', dataDir, sandbox: { stepDelayMs: 1, faults } })
  const records: FrameRecord[] = []
  backend.subscribe((event, payload) => {
    if (event === 'session.records') records.push(...(payload as { records: FrameRecord[] }).records)
  })
  const { sessionId } = await backend.handlers['session.connect']({ environmentId: 'sandbox' })
  const model = () => applyRecords(createSessionModel(sessionId), records)
  const until = async (check: () => boolean) => {
    const end = Date.now() + 10_000
    while (!check()) {
      if (Date.now() > end) throw new Error(`timed out in state ${model().state} with ${records.length} records: ${records.map((r) => r.kind + (r.kind === "message" ? r.dir + r.data.slice(0, 60) : "")).join(',')}`)
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  }
  await until(() => model().state === 'open' || model().state === 'closed')
  if (model().state === 'open') {
    await backend.handlers['session.send']({ sessionId, text: 'Analyse my cloud costs', mode: 'user_message' })
    await until(() => model().runs.some((run) => run.status !== 'running') || model().state === 'closed')
    if (model().state === 'open') await backend.handlers['session.disconnect']({ sessionId })
  }
  await until(() => model().state === 'closed')
  await new Promise((resolve) => setTimeout(resolve, 100))
  return { backend, sessionId, records }
}

describe('recording and exports of a real sandbox session', () => {
  it('records every record to an NDJSON file that reads back identically', async () => {
    const { records } = await completedSession()
    const dir = join(dataDir as string, 'recordings')
    const [file] = readdirSync(dir)
    expect(file).toMatch(/\.ndjson$/)
    expect(statSync(join(dir, file)).mode & 0o777).toBe(0o600)
    const contents = await readSessionLog(join(dir, file))
    expect(contents.records).toEqual(records)
    expect(contents.truncated).toBe(false)
  })

  it('opens a recording cut off mid-write up to its last complete record', async () => {
    const { records } = await completedSession()
    const dir = join(dataDir as string, 'recordings')
    const path = join(dir, readdirSync(dir)[0])
    truncateSync(path, statSync(path).size - 5)
    const contents = await readSessionLog(path)
    expect(contents.truncated).toBe(true)
    expect(contents.records).toEqual(records.slice(0, -1))
  })

  it('exports NDJSON that round-trips, HAR with the WebSocket messages, JUnit and Markdown', async () => {
    const { backend, sessionId, records } = await completedSession()
    const ndjson = await backend.handlers['session.export']({ sessionId, format: 'ndjson' })
    const reader = new SessionLogReader()
    reader.push(ndjson.content)
    expect(reader.finish().records).toEqual(records)

    const har = JSON.parse((await backend.handlers['session.export']({ sessionId, format: 'har' })).content)
    const entry = har.log.entries[0]
    expect(entry.response.status).toBe(101)
    expect(entry._resourceType).toBe('websocket')
    const messages = entry._webSocketMessages as Array<{ type: string; data: string }>
    expect(messages.filter((message) => message.type === 'send')).toHaveLength(1)
    expect(messages.filter((message) => message.type === 'receive').length).toBeGreaterThan(10)
    expect(entry._webSocketClose).toMatchObject({ code: 1000, initiator: 'client' })

    const junit = await backend.handlers['session.export']({ sessionId, format: 'junit' })
    expect(junit.fileName).toMatch(/\.xml$/)
    // 1 handshake + 1 run × 5 critical event types (owed per run, not per agent) + 1 close, all passing.
    expect(junit.content).toMatch(/<testsuites name="netra-diagnostics" tests="7" failures="0">/)

    const markdown = (await backend.handlers['session.export']({ sessionId, format: 'markdown' })).content
    expect(markdown).toMatch(/^# Netra Diagnostics report · Sandbox \(embedded\)/)
    expect(markdown).toMatch(/\| data_helper \| ✓ \| ✓ \| ✓ \| ✓ \| ✓ \|/)
    // reporting calls no tool: its tool columns are not owed, so not marked missing.
    expect(markdown).toMatch(/\| reporting \| ✓ \| ✓ \| – \| – \| ✓ \|/)
    expect(markdown).toMatch(/1000 Normal Closure/)
    // Times come from the shared formatter: one token per value ("12.3 ms", "1.35 s"), never "1 349.7 ms".
    expect(markdown).toMatch(/- HTTP 101 in \d+\.\d+ (ms|s), subprotocol/)
    expect(markdown).toMatch(/## Run `[^`]+` · \w+ · \d+(\.\d+)? (ms|s|min)/)
    expect(markdown).toMatch(/\(\+\d+(\.\d+)? (ms|s|min)[^)]* into the session\)/)
    expect(markdown).not.toMatch(/\d \d{3}(\.\d+)? ms/)
    // The sandbox's default (insufficient) run: the data helper's request and the report, as text.
    expect(markdown).toContain('#### Data request (data helper)')
    expect(markdown).toMatch(/\| Cloud billing \| Monthly spend per service, last 3 months \| required \|/)
    expect(markdown).toContain('#### Report (reporting agent)')
  })

  it('marks what went wrong in JUnit: a refused handshake fails its test case', async () => {
    const { backend, sessionId } = await completedSession(['token-rejected'])
    const junit = (await backend.handlers['session.export']({ sessionId, format: 'junit' })).content
    expect(junit).toMatch(/<testcase name="handshake" classname="connection" time="[\d.]+">\s*<failure message="server refused the upgrade: HTTP 403">/)
    expect(readFileSync(join(dataDir as string, 'recordings', readdirSync(join(dataDir as string, 'recordings'))[0]), 'utf8')).toMatch(/"status":403/)
  })
})

describe('streamed exports and records on disk', () => {
  it('exports to a 0600 file in exports/, reports progress, serves it in chunks and deletes it once read', async () => {
    const { backend, sessionId, records } = await completedSession()
    const progress: unknown[] = []
    backend.subscribe((event, payload) => {
      if (event === 'session.export-progress') progress.push(payload)
    })
    const file = await backend.handlers['session.export-file']({ sessionId, format: 'ndjson' })
    expect(file).toMatchObject({ fileName: `netra-${sessionId}.ndjson`, mimeType: 'application/x-ndjson', records: records.length })
    const exportsDir = join(dataDir as string, 'exports')
    const [onDisk] = readdirSync(exportsDir)
    expect(statSync(join(exportsDir, onDisk)).mode & 0o777).toBe(0o600)
    expect(progress.at(-1)).toEqual({ sessionId, format: 'ndjson', records: records.length, totalRecords: records.length })

    const chunks: Buffer[] = []
    for (let offset = 0, done = false; !done; ) {
      const chunk = await backend.handlers['session.export-read']({ exportId: file.exportId, offset, length: 1000 })
      chunks.push(Buffer.from(chunk.base64, 'base64'))
      ;({ nextOffset: offset, done } = chunk)
    }
    expect(chunks.length).toBeGreaterThan(2)
    const text = Buffer.concat(chunks).toString('utf8')
    expect(Buffer.byteLength(text)).toBe(file.bytes)
    const reader = new SessionLogReader()
    reader.push(text)
    expect(reader.finish().records).toEqual(records)
    // The NDJSON export of a session is its recording, byte for byte.
    const recordingDir = join(dataDir as string, 'recordings')
    expect(text).toBe(readFileSync(join(recordingDir, readdirSync(recordingDir)[0]), 'utf8'))
    expect(readdirSync(exportsDir)).toEqual([])
    await expect(backend.handlers['session.export-read']({ exportId: file.exportId, offset: 0 })).rejects.toThrow(/no export with id/)
  })

  it('exports a recording opened from disk as the CLI does: NDJSON is the file itself, HAR has every message', async () => {
    const { backend, records } = await completedSession()
    const recordingDir = join(dataDir as string, 'recordings')
    const path = join(recordingDir, readdirSync(recordingDir)[0])
    const { session } = await backend.handlers['recordings.open']({ path })
    const read = async (exportId: string): Promise<string> => {
      const chunks: Buffer[] = []
      for (let offset = 0, done = false; !done; ) {
        const chunk = await backend.handlers['session.export-read']({ exportId, offset })
        chunks.push(Buffer.from(chunk.base64, 'base64'))
        ;({ nextOffset: offset, done } = chunk)
      }
      return Buffer.concat(chunks).toString('utf8')
    }
    const ndjson = await backend.handlers['session.export-file']({ sessionId: session.id, format: 'ndjson' })
    expect(ndjson.records).toBe(records.length)
    expect(await read(ndjson.exportId)).toBe(readFileSync(path, 'utf8'))
    const har = await backend.handlers['session.export-file']({ sessionId: session.id, format: 'har' })
    const messages = (JSON.parse(await read(har.exportId)) as { log: { entries: Array<{ _webSocketMessages?: Array<{ data: string }> }> } }).log.entries.flatMap((entry) => entry._webSocketMessages ?? [])
    expect(messages.map((message) => message.data)).toEqual(records.flatMap((record) => (record.kind === 'message' ? [record.data] : [])))
  })

  it('serves session.records from the log on disk, page by page, after the session closed', async () => {
    const { backend, sessionId, records } = await completedSession()
    const paged = []
    for (let fromSeq = 0, done = false; !done; ) {
      const page = await backend.handlers['session.records']({ sessionId, fromSeq, limit: 7 })
      paged.push(...page.records)
      ;({ nextSeq: fromSeq, done } = page)
    }
    expect(paged).toEqual(records)
    const [summary] = (await backend.handlers['session.list']({})).sessions
    expect(summary.recordCount).toBe(records.length)
  })

  it('without a data folder keeps each log in memory: no file is written anywhere, records still served by range', async () => {
    const local = createBackend({ host: 'cli', sandbox: { stepDelayMs: 1 } })
    try {
      const { sessionId } = await local.handlers['session.connect']({ environmentId: 'sandbox' })
      let page = await local.handlers['session.records']({ sessionId, fromSeq: 0 })
      const end = Date.now() + 10_000
      while (!page.records.some((record) => record.kind === 'handshake') && Date.now() < end) {
        await new Promise((resolve) => setTimeout(resolve, 20))
        page = await local.handlers['session.records']({ sessionId, fromSeq: 0 })
      }
      expect(page.records[0].kind).toBe('session-start')
      // Other processes create and remove folders in the temp dir too: a folder may vanish while listed.
      const list = (dir: string): string[] => {
        try {
          return readdirSync(dir)
        } catch {
          return []
        }
      }
      const logExists = () => list(tmpdir()).some((name) => name.startsWith('netra-diag-') && list(join(tmpdir(), name)).some((file) => file.endsWith(`${sessionId}.ndjson`)))
      // Issue 11: recording off (or no library) means nothing touches disk, not even a temporary file.
      expect(logExists()).toBe(false)
      await local.dispose()
      expect(logExists()).toBe(false)
    } finally {
      await local.dispose()
    }
  })
})
