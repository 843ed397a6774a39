import { describe, expect, it } from 'vitest'
import type { FrameRecord } from '../api/frame-record'
import { headerLine, parseRecordLine, recordLine, SessionLogReader } from './session-log-format'

const header = { format: 'netra-session' as const, version: 1, sessionId: 's-1', createdAt: '2026-11-21T10:00:00.000Z', app: { name: 'netra-diagnostics', version: '0.1.0' } }
const records: FrameRecord[] = Array.from({ length: 5 }, (_, seq) => ({ seq, t: seq, dir: 'in', kind: 'message', opcode: 1, encoding: 'utf8', data: `{"type":"pong","n":${seq}}`, size: 20 }))
const file = headerLine(header) + records.map(recordLine).join('')

function read(text: string, chunkSize = 7): ReturnType<SessionLogReader['finish']> {
  const reader = new SessionLogReader()
  for (let i = 0; i < text.length; i += chunkSize) reader.push(text.slice(i, i + chunkSize))
  return reader.finish()
}

describe('SessionLogReader', () => {
  it('reads a recording streamed in arbitrary chunks', () => {
    for (const size of [1, 7, 64, file.length]) {
      const contents = read(file, size)
      expect(contents.records).toEqual(records)
      expect(contents.issues).toEqual([])
      expect(contents.truncated).toBe(false)
    }
  })

  it('opens a truncated recording up to its last complete record', () => {
    const cut = file.slice(0, file.length - 10)
    const contents = read(cut)
    expect(contents.records).toEqual(records.slice(0, 4))
    expect(contents.truncated).toBe(true)
    expect(contents.issues[0].message).toMatch(/cut off/)
  })

  it('skips an unreadable line in the middle and says which', () => {
    const lines = file.split('\n')
    lines.splice(2, 0, '{garbage')
    const contents = read(lines.join('\n'))
    expect(contents.records).toHaveLength(5)
    expect(contents.issues).toEqual([{ line: 3, message: 'not valid JSON; line skipped' }])
  })

  it('refuses a file that is not a recording, and a newer format, with clear messages', () => {
    expect(() => read('')).toThrow(/empty or has no header/)
    expect(() => read('{"hello":1}\n')).toThrow(/not a Netra Diagnostics recording/)
    expect(() => read(headerLine({ ...header, version: 99 }))).toThrow(/format version 99, which is not supported: this app reads versions 1 to 2 \(a newer app wrote it/)
    expect(() => read(JSON.stringify({ ...header, version: 0 }) + '\n')).toThrow(/format version 0, which is not supported: this app reads versions 1 to 2$/)
    expect(() => read(JSON.stringify({ ...header, version: '2' }) + '\n')).toThrow(/format version "2", which is not supported/)
  })
})

describe('format version 2: frames embedded as they arrived', () => {
  const frame = (seq: number, data: string): FrameRecord => ({ seq, t: seq / 10, dir: 'in', kind: 'message', opcode: 1, encoding: 'utf8', data, size: data.length })

  it('embeds a single-line JSON frame as a raw value and reads it back byte for byte', () => {
    const data = '{"type":"stream_chunk", "data":{"n":1.50,"s":"a\\u0041\\n"}}'
    const line = recordLine(frame(3, data))
    expect(line).toBe(`{"seq":3,"t":0.3,"dir":"in","kind":"message","opcode":1,"encoding":"utf8","size":${data.length},"json":${data}}\n`)
    expect(parseRecordLine(line.trimEnd()).record).toEqual(frame(3, data))
  })

  it('keeps anything else as an escaped string: not JSON, several lines, binary, control frames', () => {
    for (const data of ['not json', '{"a":1', '{\n"a": 1}', '{"a":1}\r', '  ', '"json":1}', '[1,2] x']) {
      const line = recordLine(frame(1, data))
      expect(line).not.toContain(',"json":' + data)
      expect(line.slice(0, -1)).not.toContain('\n')
      expect(parseRecordLine(line.trimEnd()).record).toEqual(frame(1, data))
    }
    const ping: FrameRecord = { seq: 2, t: 1, dir: 'in', kind: 'ping', opcode: 9, data: '{"a":1}', size: 7 }
    expect(JSON.parse(recordLine(ping))).toEqual(ping)
  })

  it('reads a version-1 file (every frame an escaped string) as it always did', () => {
    const v1 = JSON.stringify({ ...header, version: 1 }) + '\n' + records.map((record) => JSON.stringify(record) + '\n').join('')
    const contents = read(v1, 13)
    expect(contents.header.version).toBe(1)
    expect(contents.records).toEqual(records)
    expect(contents.issues).toEqual([])
  })

  it('refuses a "json" field that is not where version 2 writes it', () => {
    expect(parseRecordLine('{"seq":1,"t":1,"dir":"in","kind":"message","opcode":1,"encoding":"utf8","json":{"a":1},"size":7}').problem).toMatch(/not the last field/)
    expect(parseRecordLine('{"seq":1,"t":1,"x":{"y":1},"dir":"in","kind":"message","opcode":1,"encoding":"utf8","size":7,"json":{"a":1}}').problem).toMatch(/not the last field/)
  })

  it('does not mistake a nested "json" key of another record for an embedded frame', () => {
    const preflight: FrameRecord = { seq: 0, t: 0, dir: 'local', kind: 'preflight', check: 'http', name: 'GET /health', target: 'x', ok: true, ms: 1, status: 200, detail: { a: 1, json: { b: 2 } }, error: null }
    expect(parseRecordLine(recordLine(preflight).trimEnd()).record).toEqual(preflight)
  })

  it('reports a damaged embedded frame as an unreadable line, keeping the lines around it', () => {
    const lines = file.split('\n')
    lines[2] = lines[2].replace('"pong"', '"po')
    const contents = read(lines.join('\n'))
    expect(contents.records.map((record) => record.seq)).toEqual([0, 2, 3, 4])
    expect(contents.issues).toEqual([{ line: 3, message: 'not valid JSON; line skipped' }])
  })

  it('rejects values the exporters could not render, naming the field', () => {
    const start = { seq: 0, t: 0, dir: 'local', kind: 'session-start', environment: { id: 'x', name: 'x', kind: 'custom' }, url: 'ws://x', authMethod: 'none' }
    expect(parseRecordLine(JSON.stringify({ ...start, wallClock: 1e20 })).problem).toMatch(/wallClock/)
    expect(parseRecordLine(JSON.stringify({ ...start, wallClock: 1_700_000_000_000 })).record).toBeDefined()
    expect(parseRecordLine('{"seq":1,"t":1e400,"dir":"in","kind":"ping","opcode":9,"data":"","size":0}').problem).toMatch(/^t /)
    expect(parseRecordLine('{"seq":-1,"t":1,"dir":"in","kind":"ping","opcode":9,"data":"","size":0}').problem).toMatch(/^seq /)
    expect(parseRecordLine('{"seq":1,"t":1,"dir":"up","kind":"ping","opcode":9,"data":"","size":0}').problem).toMatch(/^dir /)
    expect(parseRecordLine('[1]').problem).toBe('not a JSON object')
  })
})
