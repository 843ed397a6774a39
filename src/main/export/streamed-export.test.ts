import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { FrameRecord } from '../../shared/api/frame-record'
import { SessionBuilder } from '../../shared/diagnosis/testing/session-builder'
import { embeddedLineHead, headerLine, newSessionLogHeader, recordLine } from '../../shared/session-log/session-log-format'
import { openSessionLog } from '../recordings/open-session-log'
import { readSessionLog } from '../recordings/read-session-log'
import { exportToFile } from './export-session'
import { SEGMENT_BYTES } from './log-lines'

/**
 * The CLI's exports of a recording in the current format, streamed line by line (NDJSON copied,
 * HAR in one pass with frames escaped byte by byte), against what a reader makes of the same file.
 */
const dir = mkdtempSync(join(tmpdir(), 'netra-streamed-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const HEADER = headerLine(newSessionLogHeader('s-streamed', 1_764_582_000_000, { name: 'netra-diagnostics', version: 'test' }))
type Message = { type: string; time: number; opcode: number; data: string }
type Issue = { line: number; message: string }

/** A session opened and accepted: every frame after it belongs to the one HAR entry. */
function acceptedSession(): SessionBuilder {
  return new SessionBuilder({ kind: 'staging', url: 'wss://api.staging.netrasystems.ai/ws' }).start().token().attempt(1, 1).accepted().greeting()
}

/** Export `lines` (the recording's record lines, each with its newline) as NDJSON and HAR the way the CLI does. */
async function exportLines(name: string, lines: string[]): Promise<{ issues: Issue[]; ndjson: string; har: { log: { entries: Array<{ _webSocketMessages: Message[] }> } } }> {
  const path = join(dir, `${name}.ndjson`)
  writeFileSync(path, HEADER + lines.join(''))
  const log = await openSessionLog(path)
  const issues: Issue[] = []
  try {
    const { records } = await log.indexed
    const source = { sessionId: log.header.sessionId, count: records, readRange: log.readRange, linesAreCurrent: true, ended: true, logLines: { path, offsetOf: log.offsetOf, firstLine: 2 } }
    for (const format of ['ndjson', 'har'] as const)
      await exportToFile({ format, source: { ...source, onIssue: (issue) => issues.push(issue) }, header: log.header, out: join(dir, `${name}.out.${format}`), app: { name: 'n', version: 'v' } })
  } finally {
    await log.close()
  }
  for (const format of ['ndjson', 'har']) expect(statSync(join(dir, `${name}.out.${format}`)).mode & 0o777).toBe(0o600)
  return { issues, ndjson: readFileSync(join(dir, `${name}.out.ndjson`), 'utf8'), har: JSON.parse(readFileSync(join(dir, `${name}.out.har`), 'utf8')) }
}

/** The HAR messages a session's frames must become, in order. */
const messagesOf = (records: FrameRecord[]) => records.flatMap((record) => (record.kind === 'message' ? [{ data: record.data, opcode: record.opcode, type: record.dir === 'out' ? 'send' : 'receive' }] : []))

describe('streamed exports of a recording (CLI)', () => {
  it('escapes every kind of frame the way JSON.stringify would: quotes, backslashes, non-ASCII, astral, tabs, non-JSON text, binary', async () => {
    const builder = acceptedSession()
    builder.incoming({ type: 'agent_thinking', data: { text: 'say "hi" \\ back\\slash\nnew line', emoji: '😀 ünïcödé \u2028 €' } })
    builder.incoming('{"type":"spaced",\t"tab": 1}')
    builder.incoming('not json «ü» \u2028 line')
    builder.incoming('{"type":"two"}\n{"type":"lines"}')
    builder.outgoing({ type: 'user_message', payload: { content: 'quote " and \\' } })
    builder.push({ kind: 'message', dir: 'in', opcode: 2, encoding: 'base64', data: 'AAEC/w==', size: 4 })
    builder.push({ kind: 'ping', dir: 'in', opcode: 9, data: '', size: 0 })
    for (let i = 0; i < 40; i++) builder.incoming({ type: 'stream_chunk', data: { index: i, chunk: `"${i}" ${'x'.repeat(i * 7)}` } })
    const records = builder.close(1000, 'done', 'client').records
    const { issues, ndjson, har } = await exportLines('odd', records.map(recordLine))
    expect(issues).toEqual([])
    expect(ndjson).toBe(HEADER + records.map(recordLine).join(''))
    const messages = har.log.entries[0]._webSocketMessages
    expect(messages.map(({ data, opcode, type }) => ({ data, opcode, type }))).toEqual(messagesOf(records))
    // Times are the wall clock of each record, in seconds.
    const start = records.find((record) => record.kind === 'session-start') as Extract<FrameRecord, { kind: 'session-start' }>
    expect(messages.map((message) => message.time)).toEqual(records.flatMap((record) => (record.kind === 'message' ? [(start.wallClock + record.t) / 1000] : [])))
  })

  it('escapes a control character in a hand-edited embedded frame, and takes a frame longer than a segment', async () => {
    const builder = acceptedSession()
    const records = builder.close(1000, 'done', 'client').records
    const close = records.pop() as FrameRecord
    const seq = close.seq
    const raw = '{"type":"edited","text":"bell\u0007 and nul-free"}'
    const huge = JSON.stringify({ type: 'huge', text: `"${'y'.repeat(SEGMENT_BYTES + 1000)}"` })
    const lines = [
      ...records.map(recordLine),
      `${embeddedLineHead({ seq, t: close.t, dir: 'in', size: raw.length })}${raw}}\n`,
      recordLine({ seq: seq + 1, t: close.t, dir: 'in', kind: 'message', opcode: 1, encoding: 'utf8', data: huge, size: huge.length }),
      recordLine({ ...close, seq: seq + 2 })
    ]
    const { issues, har } = await exportLines('edited', lines)
    expect(issues).toEqual([])
    expect(har.log.entries[0]._webSocketMessages.slice(-2).map((message) => message.data)).toEqual([raw, huge])
  })

  it('names a bad line in the middle and an out-of-order one, and loses nothing readable around them', async () => {
    const builder = acceptedSession()
    for (let i = 0; i < 30; i++) builder.incoming({ type: 'agent_thinking', data: { i } })
    const records = builder.close(1000, 'done', 'client').records
    const lines = records.map(recordLine)
    // Line numbers count the header as line 1.
    lines.splice(12, 0, '{"seq":999999,"t":1,"dir":"in","kind":"message","opcode":1,"encoding":"utf8","size":5,"json":{"a":\n')
    lines.splice(20, 0, recordLine({ ...(records[3] as FrameRecord) }))
    const { issues, ndjson, har } = await exportLines('bad-line', lines)
    const expected = [
      { line: 14, message: 'not valid JSON; line skipped' },
      { line: 22, message: `seq ${records[3].seq} does not follow seq ${records[18].seq} (records are in seq order); line skipped` }
    ]
    // NDJSON and HAR each report both, in line order.
    expect(issues).toEqual([...expected, ...expected])
    const copy = await readSessionLog(join(dir, 'bad-line.out.ndjson'))
    expect(copy.issues).toEqual([])
    expect(copy.records).toEqual(records)
    expect(ndjson.split('\n')).toHaveLength(records.length + 2)
    expect(har.log.entries[0]._webSocketMessages.map((message) => message.data)).toEqual(messagesOf(records).map((message) => message.data))
  })

  it('copies a recording whose every line passes as it is (0600, cut at its last indexed line), and streams one with a blank or CRLF line', async () => {
    const builder = acceptedSession()
    for (let i = 0; i < 20; i++) builder.incoming({ type: 'agent_thinking', data: { i } })
    const records = builder.close(1000, 'done', 'client').records
    const lines = records.map(recordLine)
    const cases = [
      { name: 'whole', text: HEADER + lines.join(''), expected: HEADER + lines.join('') },
      { name: 'cut-off', text: `${HEADER}${lines.join('')}{"seq":99,"t":1,"dir":"in","kin`, expected: HEADER + lines.join('') },
      { name: 'blank', text: HEADER + lines.slice(0, 5).join('') + '\n' + lines.slice(5).join(''), expected: HEADER + lines.join('') },
      { name: 'crlf', text: HEADER + lines.slice(0, 5).join('') + lines[5].replace('\n', '\r\n') + lines.slice(6).join(''), expected: HEADER + lines.join('') },
      { name: 'no-final-newline', text: HEADER + lines.join('').slice(0, -1), expected: HEADER + lines.join('') }
    ]
    for (const { name, text, expected } of cases) {
      const path = join(dir, `${name}.ndjson`)
      writeFileSync(path, text, { mode: 0o644 })
      const log = await openSessionLog(path)
      try {
        const { records: count } = await log.indexed
        const out = join(dir, `${name}.copy.ndjson`)
        const issues: Issue[] = []
        const source = { sessionId: log.header.sessionId, count, readRange: log.readRange, logLines: { path, offsetOf: log.offsetOf, firstLine: 2 }, onIssue: (issue: Issue) => issues.push(issue) }
        const result = await exportToFile({ format: 'ndjson', source, header: log.header, out, app: { name: 'n', version: 'v' } })
        expect(readFileSync(out, 'utf8'), name).toBe(expected)
        expect(result, name).toEqual({ bytes: Buffer.byteLength(expected), records: count })
        expect(statSync(out).mode & 0o777, name).toBe(0o600)
        expect(issues, name).toEqual([])
      } finally {
        await log.close()
      }
    }
  })

  it('fails cleanly when the recording changes under it: a clear error, and no partial file left', async () => {
    const builder = acceptedSession()
    for (let i = 0; i < 20_000; i++) builder.incoming({ type: 'stream_chunk', data: { index: i, chunk: 'z'.repeat(400) } })
    const path = join(dir, 'shrinking.ndjson')
    writeFileSync(path, HEADER + builder.records.map(recordLine).join(''))
    expect(statSync(path).size).toBeGreaterThan(2 * SEGMENT_BYTES)
    for (const format of ['ndjson', 'har'] as const) {
      const log = await openSessionLog(path)
      try {
        const { records } = await log.indexed
        // Cut after indexing: the first segment reads, a later one finds the file shorter than its index.
        truncateSync(path, SEGMENT_BYTES + 100)
        const out = join(dir, `shrinking.out.${format}`)
        const source = { sessionId: log.header.sessionId, count: records, readRange: log.readRange, logLines: { path, offsetOf: log.offsetOf, firstLine: 2 } }
        await expect(exportToFile({ format, source, header: log.header, out, app: { name: 'n', version: 'v' } })).rejects.toThrow(`${path} ended`)
        expect(existsSync(out)).toBe(false)
      } finally {
        await log.close()
      }
      writeFileSync(path, HEADER + builder.records.map(recordLine).join(''))
    }
  })
})
