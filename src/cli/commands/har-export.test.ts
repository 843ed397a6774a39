import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readSessionLog } from '../../main/recordings/read-session-log'
import { chromeHar } from '../../main/recordings/har/testing/har-fixtures'
import { UsageError } from '../usage-error'
import { recordingInput } from './har-input'
import { runCli } from './testing/run-cli'

const dir = mkdtempSync(join(tmpdir(), 'netra-har-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const T0 = Date.parse('2026-12-01T10:00:00.000Z') / 1000
const TOKEN = 'cli-query-token-0123456789'
const messages = Array.from({ length: 6 }, (_, i) => ({ type: i % 2 ? ('receive' as const) : ('send' as const), time: T0 + i, opcode: 1, data: `{"n":${i}}` }))
const text = chromeHar([{ url: `wss://h/ws?token=${TOKEN}`, messages }, { url: 'wss://h/second', messages: messages.slice(0, 2) }])
const har = join(dir, 'customer.har')
writeFileSync(har, text)

describe('netra-diag export FILE.har', () => {
  it('converts a HAR into a recording, and asks for --entry when there are several (exit 2, entries listed, redacted)', async () => {
    const cli = (args: string[]) => runCli(args, join(dir, 'data'))
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
    expect(records.flatMap((record) => (record.kind === 'message' ? [record.data] : []))).toEqual(messages.map((m) => m.data))
    expect(readFileSync(out, 'utf8')).not.toContain(TOKEN)
  }, 240_000)
})

describe('recordingInput (what export and replay read)', () => {
  it('imports a HAR into a private temporary recording, warns where a cut-off file stops, and deletes it when done', async () => {
    const cut = join(dir, 'cut.har')
    writeFileSync(cut, text.slice(0, text.indexOf('"n\\":3') + 3))
    const warnings: string[] = []
    const input = await recordingInput(cut, '0', (line) => warnings.push(line))
    expect(input.fromHar).toBe(true)
    expect(statSync(dirname(input.path)).mode & 0o777).toBe(0o700)
    const { records } = await readSessionLog(input.path)
    expect(records.filter((record) => record.kind === 'message')).toHaveLength(3)
    expect(warnings).toEqual([expect.stringMatching(new RegExp(`^${cut.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: the HAR stops being readable here \\(the text ends before the JSON document does inside a string`))])
    await input.dispose()
    expect(existsSync(dirname(input.path))).toBe(false)
  })

  it('reads any other file as it is, and refuses bad flags and bad HARs as usage errors naming the file', async () => {
    const plain = await recordingInput(join(dir, 'x.ndjson'), undefined, () => undefined)
    expect(plain).toMatchObject({ path: join(dir, 'x.ndjson'), fromHar: false })
    await expect(recordingInput(join(dir, 'x.ndjson'), '0', () => undefined)).rejects.toThrow('--entry applies to HAR files only')
    await expect(recordingInput(har, 'one', () => undefined)).rejects.toThrow('--entry must be an entry index (0, 1, …), got "one"')
    writeFileSync(join(dir, 'empty.har'), '')
    const empty = await recordingInput(join(dir, 'empty.har'), undefined, () => undefined).catch((error: unknown) => error)
    expect(empty).toBeInstanceOf(UsageError)
    expect((empty as Error).message).toBe(`${join(dir, 'empty.har')}: not a HAR file: it is empty`)
    await expect(recordingInput(har, '5', () => undefined)).rejects.toThrow(`${har}: entry 5 is not a WebSocket entry of this HAR`)
  })
})
