import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { FrameRecord } from '../../shared/api/frame-record'
import { SessionBuilder } from '../../shared/diagnosis/testing/session-builder'
import { headerLine, newSessionLogHeader, recordLine } from '../../shared/session-log/session-log-format'
import { openSessionLog } from '../recordings/open-session-log'
import { exportToFile } from './export-session'

const dir = mkdtempSync(join(tmpdir(), 'netra-har-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A refused attempt, then an accepted one with a whole run, bulk output (with and without a run), odd and binary frames. */
function retriedSession(): FrameRecord[] {
  const builder = new SessionBuilder({ kind: 'staging', url: 'wss://api.staging.netrasystems.ai/ws' }).start().token().attempt(1, 2).refused(503, { detail: 'busy' })
  builder.attempt(2, 2, 10).accepted().greeting().ask().run(['triage', 'data'])
  for (let i = 0; i < 50; i++) builder.incoming({ type: 'stream_chunk', data: { index: i, chunk: `chunk "${i}" \\ ${'x'.repeat(100)}` }, timestamp: 1764582000 + i })
  builder.incoming({ type: 'stream_chunk', run_id: 'run-bulk', agent_name: 'writer', data: { chunk: 'y'.repeat(100) } })
  builder.incoming({ type: 'partial_result', data: { text: `ünïcödé ${'z'.repeat(80)}` } })
  builder.incoming('not json «ü» \u2028 line')
  builder.push({ kind: 'message', dir: 'in', opcode: 2, encoding: 'base64', data: 'AAEC/w==', size: 4 })
  return builder.close(1000, 'done', 'client').records
}

describe('HAR export in one pass over a log', () => {
  it('writes the same HAR as the summary-then-messages export, verdict included', async () => {
    const records = retriedSession()
    const path = join(dir, 'retried.ndjson')
    writeFileSync(path, headerLine(newSessionLogHeader('s-har', 1_764_582_000_000, { name: 'netra-diagnostics', version: 'test' })) + records.map(recordLine).join(''))
    const log = await openSessionLog(path)
    try {
      const { records: count } = await log.indexed
      const source = { sessionId: log.header.sessionId, count, readRange: log.readRange }
      const now = { nowMs: 1_764_582_100_000 }
      await exportToFile({ format: 'har', source, header: log.header, out: join(dir, 'two-pass.har'), app: { name: 'n', version: 'v' }, diagnosis: now })
      const logLines = { path, offsetOf: log.offsetOf, firstLine: 2 }
      await exportToFile({ format: 'har', source: { ...source, logLines }, header: log.header, out: join(dir, 'one-pass.har'), app: { name: 'n', version: 'v' }, diagnosis: now })
    } finally {
      await log.close()
    }
    const twoPass = JSON.parse(readFileSync(join(dir, 'two-pass.har'), 'utf8'))
    const onePass = JSON.parse(readFileSync(join(dir, 'one-pass.har'), 'utf8'))
    expect(onePass).toEqual(twoPass)
    expect(onePass.log.entries).toHaveLength(2)
    expect(onePass.log.comment).toMatch(/^verdict: /)
    const messages = onePass.log.entries[1]._webSocketMessages as Array<{ data: string }>
    // Every data frame of the accepted attempt, its text exactly as received.
    const frames = records.filter((record) => record.kind === 'message' && record.seq > records.findLastIndex((r) => r.kind === 'attempt'))
    expect(messages.map((message) => message.data)).toEqual(frames.map((record) => (record as { data: string }).data))
  })
})
