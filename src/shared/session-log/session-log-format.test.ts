import { describe, expect, it } from 'vitest'
import type { FrameRecord } from '../api/frame-record'
import { headerLine, recordLine, SessionLogReader } from './session-log-format'

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
    expect(() => read(headerLine({ ...header, version: 99 }))).toThrow(/version 99 is newer/)
  })
})
