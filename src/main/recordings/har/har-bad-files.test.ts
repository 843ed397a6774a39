import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { MessageRecord } from '../../../shared/api/frame-record'
import { readSessionLog } from '../read-session-log'
import { convertHarToRecording } from './convert-har'
import { listHarWebSockets, type HarIssue } from './har-index'
import { chromeHar, type HarMessageFixture } from './testing/har-fixtures'

/** Issue 11 "Bad files", HAR side: a clear error naming the file and the JSON's line and column; everything before the damage kept. */

const dir = mkdtempSync(join(tmpdir(), 'netra-har-bad-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let n = 0
const file = (content: string | Buffer, name = `bad-${n++}.har`): string => {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}
const out = (): string => join(dir, `out-${n++}.ndjson`)

const T0 = Date.parse('2026-12-01T10:00:00.000Z') / 1000
const messages: HarMessageFixture[] = Array.from({ length: 20 }, (_, i) => ({ type: i % 2 ? 'receive' : 'send', time: T0 + i / 10, opcode: 1, data: `{"n":${i}}` }))
const good = chromeHar([{ url: 'wss://h/ws', messages }])

/** Where the n-th message's object ends in the text (just after its closing brace). */
function endOfMessage(text: string, i: number): number {
  const field = `"data": "{\\"n\\":${i}}"`
  return text.indexOf('}', text.indexOf(field) + field.length) + 1
}

async function importedData(har: string): Promise<{ data: string[]; issues: HarIssue[]; notes: string[] }> {
  const path = out()
  const result = await convertHarToRecording(har, path)
  const { records, issues } = await readSessionLog(path)
  expect(issues).toEqual([])
  return {
    data: records.filter((record): record is MessageRecord => record.kind === 'message').map((record) => record.data),
    issues: result.issues,
    notes: records.flatMap((record) => (record.kind === 'note' ? [record.text] : []))
  }
}

describe('bad HAR files', () => {
  it('a HAR cut off in the middle keeps every complete message before the cut and says where it stopped', async () => {
    const cut = endOfMessage(good, 12) + 7
    const har = file(good.slice(0, cut))
    const listed: HarIssue[] = []
    expect(await listHarWebSockets(har, { onIssue: (issue) => listed.push(issue) })).toMatchObject([{ index: 0, messages: 13 }])
    expect(listed[0].message).toContain('ends before the JSON document does')
    const { data, issues, notes } = await importedData(har)
    expect(data).toEqual(messages.slice(0, 13).map((message) => message.data))
    const lines = good.slice(0, cut).split('\n')
    expect(issues).toEqual([{ line: lines.length, column: lines[lines.length - 1].length + 1, message: expect.stringContaining('cut off?') }])
    expect(notes.at(-1)).toContain(`stops being readable at line ${lines.length}, column ${lines[lines.length - 1].length + 1}`)
  })

  it('a garbled HAR keeps what came before the garbage and names its line and column', async () => {
    const at = endOfMessage(good, 4) + 20
    const har = file(`${good.slice(0, at)}#garbage#${good.slice(at)}`)
    const { data, issues } = await importedData(har)
    expect(data).toEqual(messages.slice(0, 5).map((message) => message.data))
    const lines = good.slice(0, at).split('\n')
    expect(issues[0]).toMatchObject({ line: lines.length, column: lines[lines.length - 1].length + 1, message: expect.stringContaining("'#'") })
  })

  it('a frame longer than the reader keeps is reported and skipped, and the frames after it are kept', async () => {
    const big = chromeHar([{ url: 'wss://h/ws', messages: [messages[0], { ...messages[1], data: 'x'.repeat(5000) }, messages[2]] }])
    const har = file(big)
    const path = out()
    const result = await convertHarToRecording(har, path, { maxStringChars: 1000 })
    expect(result.issues[0].message).toContain('its data (5000 characters) is longer than this reader keeps')
    const { records } = await readSessionLog(path)
    expect(records.filter((record) => record.kind === 'message').map((record) => (record as MessageRecord).data)).toEqual([messages[0].data, messages[2].data])
  })

  const refusals: Array<[string, string | Buffer, RegExp]> = [
    ['empty', '', /: not a HAR file: it is empty$/],
    ['binary', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /:1:1: not a HAR file: it is binary, not JSON text/],
    ['a JSON array', '[{"log":{}}]', /:1:1: not a HAR file: it is not a JSON object/],
    ['JSON that is not a HAR', '{"name":"package","version":"1.0.0"}', /: not a HAR file: a JSON object with keys "name", "version", without the "log" object of a HAR/],
    ['JSON with nested values that is not a HAR', '{"data":{"rows":[[1,2],[3]]},"name":"x"}', /: not a HAR file: a JSON object with keys "name", "data", without the "log" object/],
    ['a log without entries', '{"log":{"version":"1.2"}}', /: not a HAR file: its "log" has no "entries" array/],
    ['a newer HAR version', chromeHar([{ url: 'wss://h/ws', messages }], { version: '2.0' }), /: HAR version "2\.0" is not supported \(this app reads HAR 1\.1 and 1\.2\)/],
    ['no WebSocket entries', chromeHar([{ url: 'https://h/a', plain: true }]), /: no WebSocket entries in this HAR \(1 entry, none a WebSocket\)/],
    ['cut off before any entry', good.slice(0, 120), /:\d+:\d+: not a readable HAR: the text ends before the JSON document does.*no entry could be read before it/],
    ['not JSON after the brace', '{"log": {"entries": [}', /:1:22: not a readable HAR: '}' where a value should start/]
  ]
  for (const [what, content, message] of refusals) {
    it(`refuses ${what} with an error naming the file, and writes nothing`, async () => {
      const har = file(content, `${what.replace(/\W+/g, '-')}.har`)
      const path = out()
      const error = await convertHarToRecording(har, path).catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(Error)
      expect((error as Error).message.startsWith(har)).toBe(true)
      expect((error as Error).message).toMatch(message)
      await expect(listHarWebSockets(har)).rejects.toThrow(message)
      await expect(readSessionLog(path)).rejects.toThrow(/no recording at/)
    })
  }

  it('refuses a missing file and a folder by name', async () => {
    await expect(listHarWebSockets(join(dir, 'missing.har'))).rejects.toThrow(`no HAR file at ${join(dir, 'missing.har')}`)
    mkdirSync(join(dir, 'folder.har'))
    await expect(convertHarToRecording(join(dir, 'folder.har'), out())).rejects.toThrow(`${join(dir, 'folder.har')} is a folder, not a HAR file`)
  })
})
