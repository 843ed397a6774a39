import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readSessionLog } from '../../main/recordings/read-session-log'
import { chromeHar } from '../../main/har/testing/har-fixtures'
import { runCli } from './testing/run-cli'

const dir = mkdtempSync(join(tmpdir(), 'netra-har-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const cli = (args: string[]) => runCli(args, join(dir, 'data'))

const T0 = Date.parse('2026-12-01T10:00:00.000Z') / 1000
const TOKEN = 'cli-query-token-0123456789'
const messages = Array.from({ length: 6 }, (_, i) => ({ type: i % 2 ? ('receive' as const) : ('send' as const), time: T0 + i, opcode: 1, data: `{"n":${i}}` }))

describe('netra-diag export FILE.har', () => {
  it('converts a HAR into a recording, asks for --entry when there are several, and reports a cut-off file by line and column', async () => {
    const har = join(dir, 'customer.har')
    const text = chromeHar([{ url: `wss://h/ws?token=${TOKEN}`, messages }, { url: 'wss://h/second', messages: messages.slice(0, 2) }])
    writeFileSync(har, text)

    const ambiguous = await cli(['export', har, '--format', 'ndjson'])
    expect(ambiguous.code).toBe(2)
    expect(ambiguous.stderr).toContain(`${har}: 2 WebSocket entries; choose one (--entry N)`)
    expect(ambiguous.stderr).toContain('entry 0: wss://h/ws?token=«redacted»')
    expect(ambiguous.stderr).not.toContain(TOKEN)

    const out = join(dir, 'entry0.ndjson')
    const converted = await cli(['export', har, '--format', 'ndjson', '--entry', '0', '--out', out])
    expect(converted.stderr).toBe('')
    expect(converted.code).toBe(0)
    expect(statSync(out).mode & 0o777).toBe(0o600)
    const { header, records } = await readSessionLog(out)
    expect(header.origin).toMatchObject({ format: 'har', file: 'customer.har', entry: 0 })
    expect(records.filter((record) => record.kind === 'message').map((record) => (record.kind === 'message' ? record.data : ''))).toEqual(messages.map((m) => m.data))
    expect(readFileSync(out, 'utf8')).not.toContain(TOKEN)

    // Any export format works from a HAR: it is diagnosed like a recording.
    const markdown = await cli(['export', har, '--format', 'markdown', '--entry', '1'])
    expect(markdown.code).toBe(0)
    expect(markdown.stdout).toMatch(/^# Netra Diagnostics report/)

    const cut = join(dir, 'cut.har')
    writeFileSync(cut, text.slice(0, text.indexOf('"n\\":3') + 3))
    const partial = await cli(['export', cut, '--format', 'ndjson', '--entry', '0'])
    expect(partial.code).toBe(0)
    expect(partial.stderr).toMatch(new RegExp(`^warning: ${cut.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: the HAR stops being readable here \\(the text ends before the JSON document does inside a string`))
    expect(partial.stdout.split('\n').filter((line) => line.includes('"kind":"message"'))).toHaveLength(3)

    expect((await cli(['export', har, '--format', 'ndjson', '--entry', 'one'])).stderr).toContain('--entry must be an entry index')
    const notHar = await cli(['export', out, '--format', 'ndjson', '--entry', '0'])
    expect(notHar.code).toBe(2)
    expect(notHar.stderr).toContain('--entry applies to HAR files only')
    writeFileSync(join(dir, 'empty.har'), '')
    const empty = await cli(['export', join(dir, 'empty.har'), '--format', 'ndjson'])
    expect(empty.code).toBe(2)
    expect(empty.stderr).toContain(`${join(dir, 'empty.har')}: not a HAR file: it is empty`)
  }, 120_000)
})
