import { describe, expect, it } from 'vitest'
import { embeddedLineHead } from '../../shared/session-log/session-log-format'
import { DIRECTIONS, emptyHead, readEmbeddedHead } from './embedded-head'

/** Read the head of one line (no newline) as the scanner does; null when it sends the line to the full parser. */
function read(line: string) {
  const buffer = Buffer.from(line)
  const head = emptyHead()
  return readEmbeddedHead(buffer, 0, buffer.length, head) ? { ...head, dir: DIRECTIONS[head.dir] } : null
}

const FRAME = '{"type":"stream_chunk","data":{"index":1}}'

describe('reading the head of a line that embeds a frame, byte by byte', () => {
  it('reads seq, t, direction and size exactly as JSON.parse reads the line', () => {
    const times = [0, 1, 0.1, 0.5, 70.9, 80.5, 123_456.789_012, 9_007_199.254_740_9, 1e15 + 0.5, 4e15, 2 ** 40 + 0.123_456]
    let seed = 11
    for (let i = 0; i < 500; i++) {
      seed = (seed * 48_271) % 2_147_483_647
      times.push(Math.round((seed / 2_147_483_647) * 10 ** (4 + (i % 9))) / 10 ** (i % 7))
    }
    for (const t of times)
      for (const dir of DIRECTIONS) {
        const line = `${embeddedLineHead({ seq: 42, t, dir, size: FRAME.length })}${FRAME}}`
        const parsed = JSON.parse(line) as { seq: number; t: number; dir: string; size: number }
        const head = read(line)
        if (`${t}`.includes('e') || (`${t}`.split('.')[1]?.length ?? 0) > 6) {
          // Exponents and long fractions are the full parser's.
          expect(head).toBeNull()
          continue
        }
        expect(head, line).toEqual({ seq: parsed.seq, t: parsed.t, dir: parsed.dir, size: parsed.size, jsonStart: line.indexOf(FRAME) })
      }
  })

  it('sends every line that is not exactly the recorder head to the full parser', () => {
    const good = `${embeddedLineHead({ seq: 7, t: 1.5, dir: 'in', size: FRAME.length })}${FRAME}}`
    expect(read(good)).not.toBeNull()
    const bad = [
      good.replace('"seq":7', '"seq":07'),
      good.replace('"seq":7', '"seq":-7'),
      good.replace('"seq":7', '"seq":7.5'),
      good.replace('"t":1.5', '"t":1.'),
      good.replace('"t":1.5', '"t":-1.5'),
      good.replace('"t":1.5', '"t":5e15'),
      good.replace('"dir":"in"', '"dir":"up"'),
      good.replace('"opcode":1', '"opcode":2'),
      good.replace('"encoding":"utf8"', '"encoding":"base64"'),
      good.replace(`"size":${FRAME.length}`, '"size":"12"'),
      good.replace(',"json":{', ',"json":['),
      good.replace('"seq":7', '"seq":99999999999999999'),
      `${good.slice(0, -2)}]}`,
      `${good} `,
      good.replace('{"seq"', ' {"seq"')
    ]
    for (const line of bad) expect(read(line), line).toBeNull()
  })
})
