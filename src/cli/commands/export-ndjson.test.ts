import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { SessionBuilder } from '../../shared/diagnosis/testing/session-builder'
import { headerLine, newSessionLogHeader, recordLine } from '../../shared/session-log/session-log-format'
import { runCli } from './testing/run-cli'

/**
 * `netra-diag export REC --format ndjson --out F` copies the recording while its index checks every
 * line, and keeps the copy only if they all pass: these hold it to the same output as a line-by-line
 * export, whichever way it goes.
 */
const dir = mkdtempSync(join(tmpdir(), 'netra-export-ndjson-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const HEADER = headerLine(newSessionLogHeader('s-cli-ndjson', 1_764_582_000_000, { name: 'netra-diagnostics', version: 'test' }))
const builder = new SessionBuilder({ kind: 'staging', url: 'wss://api.staging.netrasystems.ai/ws' }).start().token().attempt(1, 1).accepted().greeting()
for (let i = 0; i < 3_000; i++) builder.incoming({ type: 'stream_chunk', data: { index: i, chunk: 'c'.repeat(500) } })
const LINES = builder.close(1000, 'done', 'client').records.map(recordLine)

async function exportNdjson(name: string, text: string): Promise<{ code: number | null; stderr: string; out: string; mode: number }> {
  const recording = join(dir, `${name}.ndjson`)
  // Readable by others, as a file from a customer might be: the export is private whatever the source.
  writeFileSync(recording, text, { mode: 0o644 })
  const out = join(dir, `${name}.out.ndjson`)
  const run = await runCli(['export', recording, '--format', 'ndjson', '--out', out], join(dir, 'data'))
  return { code: run.code, stderr: run.stderr, out: readFileSync(out, 'utf8'), mode: statSync(out).mode & 0o777 }
}

describe('netra-diag export --format ndjson of a recording', () => {
  it('is the recording itself when every line passes (0600)', async () => {
    const text = HEADER + LINES.join('')
    expect(await exportNdjson('whole', text)).toEqual({ code: 0, stderr: '', out: text, mode: 0o600 })
  }, 60_000)

  it('drops the copy it started when a line fails: the bad line reported, everything else written line by line (0600)', async () => {
    const bad = 1_500
    const text = HEADER + LINES.slice(0, bad).join('') + '{"not":"a record"}\n' + LINES.slice(bad).join('').replace(LINES[bad + 10], LINES[bad + 10].replace('\n', '\r\n'))
    const result = await exportNdjson('one-bad-line', text)
    expect(result.code).toBe(0)
    expect(result.mode).toBe(0o600)
    expect(result.stderr).toContain(`one-bad-line.ndjson:${bad + 2}:`)
    // The CRLF line is written with a plain newline; nothing readable is lost.
    expect(result.out).toBe(HEADER + LINES.join(''))
  }, 60_000)
})
