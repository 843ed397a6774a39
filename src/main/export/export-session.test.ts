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
    expect(messages.filter((message) => message.type === 'receive').length).toBeGreaterThan(20)
    expect(entry._webSocketClose).toMatchObject({ code: 1000, initiator: 'client' })

    const junit = await backend.handlers['session.export']({ sessionId, format: 'junit' })
    expect(junit.fileName).toMatch(/\.xml$/)
    // 1 handshake + 4 agents × 5 critical events + 1 close, all passing.
    expect(junit.content).toMatch(/<testsuites name="netra-diagnostics" tests="22" failures="0">/)

    const markdown = (await backend.handlers['session.export']({ sessionId, format: 'markdown' })).content
    expect(markdown).toMatch(/^# Netra Diagnostics report · Sandbox \(embedded\)/)
    expect(markdown).toMatch(/\| reporting \| ✓ \| ✓ \| ✓ \| ✓ \| ✓ \|/)
    expect(markdown).toMatch(/1000 Normal Closure/)
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
