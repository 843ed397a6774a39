import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { FrameRecord } from '../../shared/api/frame-record'
import { diagnoseSession } from '../../shared/diagnosis'
import { SessionBuilder } from '../../shared/diagnosis/testing/session-builder'
import { applyRecords, createSessionModel, endRecords } from '../../shared/session-model'
import { headerLine, newSessionLogHeader, recordLine } from '../../shared/session-log/session-log-format'
import { openSessionLog } from '../recordings/open-session-log'
import { exportToFile } from './export-session'
import { sourceVerdictWorker } from './har-verdict'

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

/**
 * Three attempts (refused; accepted with a run, a flood and a server close; accepted with a run
 * that stops midway, a flood, a last burst of bulk output 3 s later and an unanswered ping,
 * closed by the client). The floods are over 4 MiB, so the log
 * spans several segments, and mix bulk frames that name a run or an agent (folded in full), ones
 * whose text only looks like it (a `thread_id`, a `tool_name`, an escaped `\"run_id\"`), exact
 * and float-noise times, short and long frames.
 */
function mixedSession(): FrameRecord[] {
  const builder = new SessionBuilder({ kind: 'staging', url: 'wss://api.staging.netrasystems.ai/ws?tenant=t1' }).start().token().attempt(1, 3).refused(503, { detail: 'busy' })
  const flood = (runId: string, count: number): void => {
    for (let i = 0; i < count; i++) {
      // Quarter and eighth milliseconds stay exact, so these lines keep their embedded form (the fast path).
      builder.wait(i % 3 === 0 ? 0.125 : 0.25)
      const chunk = `${'x'.repeat(900 + (i % 17))} "${i}" \\ ü`
      if (i % 97 === 5) builder.incoming({ type: 'stream_chunk', run_id: runId, agent_name: 'writer', data: { index: i, chunk } })
      else if (i % 89 === 7) builder.incoming({ type: 'partial_result', agent_name: 'reporter', data: { index: i, chunk } })
      else if (i % 83 === 9) builder.incoming({ type: 'stream_chunk', thread_id: 'thread_1', tool_name: 'writer_tool', data: { index: i, note: '"run_id" and "agent_name" as text', chunk } })
      else if (i % 79 === 3) builder.incoming({ type: 'stream_chunk' })
      else builder.incoming({ type: i % 2 ? 'stream_chunk' : 'partial_result', data: { index: i, chunk }, timestamp: 1764582000 + i / 1000 })
    }
  }
  builder.attempt(2, 3, 10).accepted().greeting().ask().run(['triage', 'data'], { runId: 'run_a' })
  flood('run_b', 2600)
  // A time with float noise (0.1 ms steps add up inexactly): lines the scanner parses in full.
  for (let i = 0; i < 5; i++) builder.wait(0.1).incoming({ type: 'stream_chunk', data: { index: i, chunk: 'z'.repeat(300) } })
  builder.wait(50).close(1011, 'internal error', 'server')
  builder.attempt(3, 3, 20).accepted().greeting().ask().run(['triage', { name: 'data', stopAfter: 'agent_thinking' }], { runId: 'run_c', stopBeforeSupervisorEnd: true })
  flood('run_c', 2600)
  // The server's last frames are plain bulk output, 3 s later: what the silence is measured from.
  builder.wait(3000)
  for (let i = 0; i < 40; i++) builder.wait(0.5).incoming({ type: 'stream_chunk', data: { index: 2600 + i, chunk: 'y'.repeat(500) } })
  builder.outgoing({ type: 'ping' })
  return builder.wait(12_000).close(1000, 'done', 'client').records
}

type ParsedHar = { log: { version: string; creator: unknown; pages: unknown[]; comment: string; entries: Array<Record<string, unknown> & { _webSocketMessages: unknown[]; _webSocketClose: unknown }> } }

/** The one-pass writer's layout, built with JSON.stringify from a parsed HAR: the bytes that writer must produce. */
function onePassLayout(har: ParsedHar): string {
  const { version, creator, pages, comment, entries } = har.log
  let text = `{\n  "log": ${JSON.stringify({ version, creator, pages }).slice(0, -1)},\n  "entries": [`
  entries.forEach(({ _webSocketMessages: messages, _webSocketClose: close, ...head }, i) => {
    text += `${i === 0 ? '' : ','}\n    ${JSON.stringify(head).slice(0, -1)},\n      "_webSocketMessages": [`
    text += messages.map((message, m) => `${m === 0 ? '' : ','}\n        ${JSON.stringify(message)}`).join('')
    text += `\n      ],\n      "_webSocketClose": ${JSON.stringify(close)}\n    }`
  })
  return `${text}\n  ],\n  "comment": ${JSON.stringify(comment)}\n  }\n}\n`
}

describe('HAR export in one pass, over a log of several segments', () => {
  it('writes, byte for byte, the HAR of the summary-then-messages export in its own layout, with the verdict of the whole session', async () => {
    const records = mixedSession()
    const path = join(dir, 'mixed.ndjson')
    writeFileSync(path, headerLine(newSessionLogHeader('s-mixed', 1_764_582_000_000, { name: 'netra-diagnostics', version: 'test' })) + records.map(recordLine).join(''))
    const now = { nowMs: 1_764_582_100_000 }
    const log = await openSessionLog(path)
    try {
      const { records: count } = await log.indexed
      expect(count).toBe(records.length)
      const source = { sessionId: log.header.sessionId, count, readRange: log.readRange }
      await exportToFile({ format: 'har', source, header: log.header, out: join(dir, 'mixed-two-pass.har'), app: { name: 'n', version: 'v' }, diagnosis: now })
      const logLines = { path, offsetOf: log.offsetOf, firstLine: 2 }
      await exportToFile({ format: 'har', source: { ...source, logLines }, header: log.header, out: join(dir, 'mixed-one-pass.har'), app: { name: 'n', version: 'v' }, diagnosis: now, verdictWorker: null })
      // The verdict folded in a worker thread (the built app's and CLI's way; from source here): the same bytes.
      const verdictWorker = sourceVerdictWorker()
      await exportToFile({ format: 'har', source: { ...source, logLines }, header: log.header, out: join(dir, 'mixed-worker.har'), app: { name: 'n', version: 'v' }, diagnosis: now, verdictWorker })
    } finally {
      await log.close()
    }
    expect(readFileSync(path).length).toBeGreaterThan(4 * 1024 * 1024 + 1)
    const twoPassText = readFileSync(join(dir, 'mixed-two-pass.har'), 'utf8')
    const onePassText = readFileSync(join(dir, 'mixed-one-pass.har'), 'utf8')
    const twoPass = JSON.parse(twoPassText) as ParsedHar
    expect(JSON.parse(onePassText)).toEqual(twoPass)
    expect(onePassText).toBe(onePassLayout(twoPass))
    expect(readFileSync(join(dir, 'mixed-worker.har'), 'utf8')).toBe(onePassText)
    // One entry per attempt, the refused one without messages; every data frame in one of them.
    expect(twoPass.log.entries.map((entry) => entry._webSocketMessages.length > 0)).toEqual([false, true, true])
    expect(twoPass.log.entries.reduce((sum, entry) => sum + entry._webSocketMessages.length, 0)).toBe(records.filter((record) => record.kind === 'message').length)

    // The verdict of every record folded in full (no stand-ins, no shortcut), as a live session would judge it.
    const full = endRecords(applyRecords(createSessionModel('s-mixed'), records))
    const diagnosis = diagnoseSession(full, now)
    expect(twoPass.log.comment).toBe(`verdict: ${diagnosis.verdict}. ${diagnosis.summary}`)
    // A verdict that rests on the frames' times: the server's silence, an unanswered ping, the run left open.
    expect(diagnosis.verdict).toBe('failing')
    expect(diagnosis.summary).toContain('silent mid-run for 12.0 s')
    // The session has a run named only by bulk frames (folded in full, not as stand-ins).
    expect(full.runs.map((run) => run.runId)).toEqual(['run_a', 'run_b', 'run_c'])
  })
})
