import { appendFileSync, mkdtempSync, truncateSync, openSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync, writeSync, closeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { FrameRecord } from '../../shared/api/frame-record'
import { SessionBuilder } from '../../shared/diagnosis/testing/session-builder'
import { headerLine, newSessionLogHeader, recordLine } from '../../shared/session-log/session-log-format'
import { openSessionLog } from '../recordings/open-session-log'
import { copyCheckedLog } from './copy-checked-log'
import type { LogLines } from './log-lines'
import type { ExportProgress } from './record-source'

/**
 * Indexing checks each line the way the NDJSON export's scan does (`WholeLineCheck`), so that the
 * export of an unchanged recording is the OS's copy alone. These tests hold the two to the same
 * answer, file by file, and show that the export trusts the index only while the file is unchanged.
 */
const dir = mkdtempSync(join(tmpdir(), 'netra-whole-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const HEADER = newSessionLogHeader('s-whole', 1_764_582_000_000, { name: 'netra-diagnostics', version: 'test' })
const HEADER_LINE = headerLine(HEADER)

/** A real session's records: start, handshake, attempt, greeting and close (parsed lines) around `frames` embedded ones. */
function sessionRecords(frames: number, chunk = 'x'.repeat(60)): FrameRecord[] {
  const builder = new SessionBuilder({ kind: 'staging', url: 'wss://api.staging.netrasystems.ai/ws' }).start().token().attempt(1, 1).accepted().greeting()
  for (let i = 0; i < frames; i++) builder.incoming({ type: 'stream_chunk', data: { index: i, chunk } })
  return builder.close(1000, 'done', 'client').records
}

/** Counts the calls of `offsetOf`: a scan reads the offset of every line, a plain copy only a few. */
function counted(lines: LogLines): { lines: LogLines; calls: () => number } {
  let calls = 0
  return {
    lines: {
      ...lines,
      offsetOf: (n) => {
        calls++
        return lines.offsetOf(n)
      }
    },
    calls: () => calls
  }
}

type Verdicts = { indexSaysWhole: boolean; scanSaysWhole: boolean; copy: string | null }

/** Index `text` as a recording, then ask the export's own scan (without the index's word) whether it copies it as it is. */
async function verdicts(name: string, text: string | Buffer, maxLineBytes?: number): Promise<Verdicts> {
  const path = join(dir, `${name}.ndjson`)
  writeFileSync(path, text)
  const log = await openSessionLog(path, { maxLineBytes })
  try {
    const { records, wholeLines } = await log.indexed
    const out = join(dir, `${name}.out.ndjson`)
    const scanSaysWhole = await copyCheckedLog({ path, offsetOf: log.offsetOf, firstLine: 2, maxLineBytes }, records, log.header, out)
    return { indexSaysWhole: wholeLines !== null, scanSaysWhole, copy: scanSaysWhole ? readFileSync(out, 'utf8') : null }
  } finally {
    await log.close()
  }
}

describe('NDJSON export of a recording that indexing checked (copyCheckedLog + WholeLineCheck)', () => {
  it('indexing calls a recording copyable as it is only where the export’s own scan does', async () => {
    const lines = sessionRecords(40).map(recordLine)
    const body = lines.join('')
    const swap = (index: number, line: string): string => HEADER_LINE + lines.slice(0, index).join('') + line + lines.slice(index + 1).join('')
    const embedded = lines.findIndex((line) => line.includes('"json":{"type":"stream_chunk"'))
    expect(embedded).toBeGreaterThan(0)
    const withBytes = (line: string, bytes: number[]): Buffer => {
      const at = Buffer.from(line).indexOf('xxxx')
      const buffer = Buffer.from(line)
      bytes.forEach((byte, i) => (buffer[at + i] = byte))
      return Buffer.concat([Buffer.from(HEADER_LINE + lines.slice(0, embedded).join('')), buffer, Buffer.from(lines.slice(embedded + 1).join(''))])
    }
    // 'same': both copy it as it is, or neither does. 'stricter': the index leaves it to the scan.
    const cases: Array<{ name: string; text: string | Buffer; expected: 'whole' | 'not' | 'stricter'; maxLineBytes?: number }> = [
      { name: 'whole', text: HEADER_LINE + body, expected: 'whole' },
      { name: 'only-parsed-lines', text: HEADER_LINE + lines.filter((line) => !line.includes('"json":')).join(''), expected: 'whole' },
      { name: 'blank-line', text: swap(5, `\n${lines[5]}`), expected: 'not' },
      { name: 'crlf', text: swap(5, lines[5].replace('\n', '\r\n')), expected: 'not' },
      { name: 'crlf-embedded', text: swap(embedded, lines[embedded].replace('\n', '\r\n')), expected: 'not' },
      { name: 'no-final-newline', text: HEADER_LINE + body.slice(0, -1), expected: 'not' },
      { name: 'cut-off', text: `${HEADER_LINE}${body}{"seq":99,"t":1,"dir":"in","kin`, expected: 'whole' },
      { name: 'not-a-record', text: swap(embedded, '{"hello":"world"}\n'), expected: 'not' },
      { name: 'seq-repeats', text: swap(embedded + 1, lines[embedded]), expected: 'not' },
      { name: 'nul-in-frame', text: withBytes(lines[embedded], [0]), expected: 'not' },
      { name: 'invalid-utf8-in-frame', text: withBytes(lines[embedded], [0xc3, 0x28]), expected: 'stricter' },
      { name: 'line-over-the-limit', text: HEADER_LINE + body, expected: 'not', maxLineBytes: 200 }
    ]
    for (const { name, text, expected, maxLineBytes } of cases) {
      const { indexSaysWhole, scanSaysWhole } = await verdicts(name, text, maxLineBytes)
      expect({ indexSaysWhole, scanSaysWhole }, name).toEqual({
        indexSaysWhole: expected === 'whole',
        scanSaysWhole: expected !== 'not'
      })
    }
  })

  it('checks lines that straddle its reads, and leaves a line longer than a read to the export’s scan', async () => {
    // ~1 KB lines over several 1 MiB reads: many lines are cut by a read and read again from their start.
    const many = sessionRecords(6_000, 'y'.repeat(900)).map(recordLine)
    const big = await verdicts('straddling', HEADER_LINE + many.join(''))
    expect(big.indexSaysWhole && big.scanSaysWhole).toBe(true)
    expect(big.copy).toBe(HEADER_LINE + many.join(''))

    const huge = sessionRecords(3, 'h'.repeat(1_500_000)).map(recordLine)
    expect(await verdicts('longer-than-a-read', HEADER_LINE + huge.join(''))).toMatchObject({ indexSaysWhole: false, scanSaysWhole: true })
  })

  it('copies a checked file without reading its lines again, and checks every line again once the file has changed', async () => {
    const text = HEADER_LINE + sessionRecords(2_000).map(recordLine).join('')
    const path = join(dir, 'trusted.ndjson')
    writeFileSync(path, text)
    // A whole second, so that the time can be put back exactly after the edit below.
    const written = new Date(Math.floor(Date.now() / 1000) * 1000)
    utimesSync(path, written, written)
    const log = await openSessionLog(path)
    try {
      const { records, wholeLines } = await log.indexed
      expect(wholeLines).not.toBeNull()
      const plain = { path, offsetOf: log.offsetOf, firstLine: 2, checkedWhole: wholeLines ?? undefined }

      const unchanged = counted(plain)
      const progress: ExportProgress[] = []
      expect(await copyCheckedLog(unchanged.lines, records, log.header, join(dir, 'trusted.out'), (p) => progress.push(p))).toBe(true)
      expect(readFileSync(join(dir, 'trusted.out'), 'utf8')).toBe(text)
      expect(statSync(join(dir, 'trusted.out')).mode & 0o777).toBe(0o600)
      expect(progress.at(-1)).toEqual({ records, totalRecords: records })
      // No scan: a few offsets (the end, the header), not one per line.
      expect(unchanged.calls()).toBeLessThan(10)

      // Grown since it was indexed (a recording still being written): the indexed part is checked again, and copied.
      appendFileSync(path, recordLine({ seq: 1_000_000, t: 1, dir: 'local', kind: 'note', text: 'later' } as FrameRecord))
      const grown = counted(plain)
      expect(await copyCheckedLog(grown.lines, records, log.header, join(dir, 'grown.out'))).toBe(true)
      expect(readFileSync(join(dir, 'grown.out'), 'utf8')).toBe(text)
      expect(grown.calls()).toBeGreaterThan(records)

      // Changed in place, same size, its modification time put back: still not the file that was checked.
      truncateSync(path, Buffer.byteLength(text))
      const at = Buffer.from(text).indexOf('"json":{"type":"stream_chunk"')
      const fd = openSync(path, 'r+')
      writeSync(fd, Buffer.from('X'), 0, 1, at)
      closeSync(fd)
      utimesSync(path, written, written)
      expect(statSync(path)).toMatchObject({ mtimeMs: wholeLines?.mtimeMs, size: wholeLines?.size })
      expect(await copyCheckedLog(plain, records, log.header, join(dir, 'edited.out'))).toBe(false)
    } finally {
      await log.close()
    }
  })
})
