import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import type { FrameRecord } from '../../shared/api/frame-record'
import { SessionBuilder } from '../../shared/diagnosis/testing/session-builder'
import { headerLine, newSessionLogHeader, recordLine } from '../../shared/session-log/session-log-format'
import { EXPORT_FORMATS, exportToFile, type ExportFormat } from '../export/export-session'
import { openSessionLog } from './open-session-log'

/**
 * The recording reader and every exporter against damaged and hostile files (issue 9): whatever
 * the bytes, opening either fails with a clear error naming the file, or yields records; the
 * records before the damage are all there, in order; and every export of what was read succeeds.
 * (The HAR importer has its own fuzzer: src/main/recordings/har/har-fuzz.test.ts.)
 */

const dir = mkdtempSync(join(tmpdir(), 'netra-fuzz-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const MAX_LINE = 64 * 1024
/** Each property is bounded by its number of runs; this only keeps a busy machine from failing it by the clock. */
const FUZZ_TIMEOUT_MS = 180_000
const FORMATS = Object.keys(EXPORT_FORMATS) as ExportFormat[]

/** A real-looking session: preflight, token, handshake, a full agent run, binary and odd frames, the close. */
function realSession(): FrameRecord[] {
  const builder = new SessionBuilder({ kind: 'staging', url: 'wss://api.staging.netrasystems.ai/ws?x=1' })
    .start()
    .token()
    .reachable()
    .attempt(1, 1)
    .accepted()
    .greeting()
    .ask()
    .run(['triage', 'data'])
    .incoming('not json «ü» \u2028 line')
  builder.push({ kind: 'message', dir: 'in', opcode: 2, encoding: 'base64', data: 'AAEC/w==', size: 4 })
  builder.push({ kind: 'ping', dir: 'in', opcode: 9, data: '', size: 0 })
  return builder.close(1000, 'done', 'client').records
}

const records = realSession()
const header = headerLine(newSessionLogHeader('s-fuzz', 1_764_582_000_000, { name: 'netra-diagnostics', version: 'test' }))
const lines = records.map(recordLine)
const file = Buffer.from(header + lines.join(''))
/** Byte range of each record's line (newline included). */
const spans: Array<{ start: number; end: number }> = []
{
  let at = Buffer.byteLength(header)
  for (const line of lines) {
    const end = at + Buffer.byteLength(line)
    spans.push({ start: at, end })
    at = end
  }
}

let cases = 0
let caseNumber = 0

type Outcome = { error: Error } | { records: FrameRecord[] }

/** Open, read everything, export in every format; only a clear error naming the file may escape. */
async function readAndExport(bytes: Uint8Array): Promise<Outcome> {
  cases++
  const path = join(dir, `case-${caseNumber++ % 8}.ndjson`)
  writeFileSync(path, bytes)
  let log
  try {
    log = await openSessionLog(path, { maxLineBytes: MAX_LINE, firstRecords: 5 })
  } catch (error) {
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).constructor).toBe(Error)
    expect((error as Error).message).toContain(path)
    return { error: error as Error }
  }
  try {
    const { records: count } = await log.indexed
    const { records } = await log.readRange(0, count)
    const source = { sessionId: log.header.sessionId, count, readRange: log.readRange, linesAreCurrent: log.header.version === 2 }
    for (const format of FORMATS) await exportToFile({ format, source, header: log.header, out: join(dir, `out.${format}`), app: { name: 'n', version: 'v' } })
    if (log.header.version === 2) {
      // The CLI's way for a file in the current format: its lines streamed (NDJSON copied, HAR in one pass).
      const streamed = { ...source, logLines: { path, offsetOf: log.offsetOf, firstLine: 2, maxLineBytes: MAX_LINE } }
      for (const format of ['ndjson', 'har'] as const) await exportToFile({ format, source: streamed, header: log.header, out: join(dir, `lines.${format}`), app: { name: 'n', version: 'v' } })
      expect(JSON.parse(readFileSync(join(dir, 'lines.har'), 'utf8'))).toHaveProperty('log.entries')
      // Nothing readable is lost: the copy reads back as every record read here, in seq order.
      const copy = await openSessionLog(join(dir, 'lines.ndjson'), { maxLineBytes: MAX_LINE })
      try {
        const copied = await copy.readRange(0, (await copy.indexed).records)
        let last = -1
        expect(copied.records).toEqual(records.filter((record) => record.seq > last && ((last = record.seq), true)))
      } finally {
        await copy.close()
      }
    }
    return { records }
  } finally {
    await log.close()
  }
}

/** Every record whose line lies wholly outside `[from, to)` is read, in order. */
function expectUntouchedKept(outcome: Outcome, from: number, to: number): void {
  if (from < Buffer.byteLength(header)) return // a damaged header may rightly refuse the file
  expect('records' in outcome ? null : outcome.error.message).toBeNull()
  if (!('records' in outcome)) return
  const found = outcome.records
  let at = 0
  spans.forEach((span, i) => {
    if (!(span.end <= from || span.start > to)) return
    while (at < found.length && !isDeepStrictEqual(found[at], records[i])) at++
    if (at === found.length) throw new Error(`record ${i} (bytes ${span.start}–${span.end}) lost by damage at ${from}–${to}`)
    at++
  })
}

describe('recording reader and exporters under fuzzing', { timeout: 90_000 }, () => {
  it('read the intact recording exactly', async () => {
    const outcome = await readAndExport(file)
    expect('records' in outcome && outcome.records).toEqual(records)
  })

  it('keep everything before a cut, whatever byte it falls on', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: file.length }), async (cut) => {
        expectUntouchedKept(await readAndExport(file.subarray(0, cut)), cut, Number.POSITIVE_INFINITY)
      }),
      { numRuns: 120 }
    )
  }, FUZZ_TIMEOUT_MS)

  it('keep every record the damage did not touch: replaced, inserted and deleted bytes, garbage lines', async () => {
    const damage = fc.record({
      at: fc.integer({ min: 0, max: file.length - 1 }),
      remove: fc.integer({ min: 0, max: 40 }),
      insert: fc.oneof(fc.uint8Array({ maxLength: 40 }), fc.constantFrom('\n', '{', '}', '"', '\\', ',"json":', '\n{garbage}\n', '\r\n', '\u0000').map((text) => Buffer.from(text)))
    })
    await fc.assert(
      fc.asyncProperty(damage, async ({ at, remove, insert }) => {
        const bytes = Buffer.concat([file.subarray(0, at), insert, file.subarray(Math.min(file.length, at + remove))])
        expectUntouchedKept(await readAndExport(bytes), at, at + Math.max(remove, 1))
      }),
      { numRuns: 200 }
    )
  }, FUZZ_TIMEOUT_MS)

  it('refuse empty, binary, wrong-version and header-less files with a clear error', async () => {
    const refusals: Array<[Uint8Array, RegExp]> = [
      [Buffer.alloc(0), /empty/],
      [Buffer.from(lines.join('')), /not a Netra Diagnostics recording/],
      [Buffer.from(header.replace('"version":2', '"version":99') + lines.join('')), /format version 99, which is not supported: this app reads versions 1 to 2 \(a newer app wrote it/],
      // A wrong version says which one the file has and which ones the app reads.
      [Buffer.from(header.replace('"version":2', '"version":"2"') + lines.join('')), /format version "2", which is not supported: this app reads versions 1 to 2$/],
      [Buffer.from(header.replace('"version":2', '"version":0') + lines.join('')), /format version 0, which is not supported: this app reads versions 1 to 2$/]
    ]
    for (const [bytes, message] of refusals) {
      const outcome = await readAndExport(bytes)
      expect('error' in outcome && outcome.error.message).toMatch(message)
    }
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 2000 }), async (bytes) => {
        const outcome = await readAndExport(bytes)
        if ('records' in outcome) expect(outcome.records).toEqual([])
      }),
      { numRuns: 60 }
    )
  }, FUZZ_TIMEOUT_MS)

  it('skip a line too long to be a record, keeping the others', async () => {
    const huge = `{"seq":5,"t":1,"dir":"in","kind":"message","opcode":1,"encoding":"utf8","size":1,"data":"${'x'.repeat(MAX_LINE)}"}\n`
    const outcome = await readAndExport(Buffer.from(header + lines.slice(0, 5).join('') + huge + lines.slice(5).join('')))
    expect('records' in outcome && outcome.records).toEqual(records)
  })

  it('export any record the reader accepts, whatever its values (dates at the end of time, broken URLs, huge numbers)', async () => {
    const anyNumber = fc.oneof(fc.double({ noNaN: true }), fc.integer(), fc.constantFrom(0, -1, 8.64e15, 4e15, 1e308, Number.MAX_SAFE_INTEGER))
    const anyText = fc.oneof(fc.string(), fc.string({ unit: 'grapheme', maxLength: 50 }), fc.constantFrom('', 'http://[::1', '%%%', 'ws://a b', '\u0000', '</testcase>', '|'))
    const recordLike = fc.oneof(
      fc.record({ kind: fc.constant('session-start'), wallClock: anyNumber, url: anyText, environment: fc.record({ id: anyText, name: anyText, kind: fc.constant('custom') }), authMethod: fc.constant('none') }),
      fc.record({ kind: fc.constant('handshake'), ok: fc.boolean(), url: anyText, status: fc.option(fc.integer()), statusText: fc.option(anyText), subprotocolsOffered: fc.array(anyText, { maxLength: 2 }), subprotocol: fc.option(anyText), requestHeaders: fc.dictionary(anyText, anyText, { maxKeys: 2 }), responseHeaders: fc.dictionary(anyText, anyText, { maxKeys: 2 }), body: fc.option(anyText), ms: anyNumber, error: fc.option(anyText) }),
      fc.record({ kind: fc.constant('close'), code: fc.integer(), reason: anyText, initiator: fc.constantFrom('client', 'server', 'none'), clean: fc.boolean() }),
      fc.record({ kind: fc.constant('message'), opcode: fc.constantFrom(1, 2), encoding: fc.constantFrom('utf8', 'base64'), data: anyText, size: anyNumber }),
      fc.record({ kind: fc.constant('attempt'), attempt: fc.integer(), of: fc.integer(), delayMs: anyNumber })
    )
    const line = fc.record({ seq: fc.nat(), t: anyNumber, dir: fc.constantFrom('in', 'out', 'local') }).chain((base) => recordLike.map((rest) => `${JSON.stringify({ ...base, ...rest })}\n`))
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 6 }), async (extra) => {
        const outcome = await readAndExport(Buffer.from(header + lines.slice(0, 4).join('') + extra.join('') + lines.slice(4).join('')))
        expect('records' in outcome).toBe(true)
      }),
      { numRuns: 150 }
    )
    console.log(`recording fuzzer: ${cases} files read and exported in ${FORMATS.length} formats; none threw anything but a clear error`)
  }, FUZZ_TIMEOUT_MS)
})
