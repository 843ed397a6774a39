import { describe, expect, it } from 'vitest'
import { JsonStringEscaper } from './json-string-escaper'

const escaper = new JsonStringEscaper(4 * 1024 * 1024)
const input = escaper.allocate(1024 * 1024)
const output = escaper.allocate(2 * 1024 * 1024 + 64)

/** Escape `text` (as UTF-8 at an odd offset, so blocks straddle its start and end) and decode the result; null when the escaper refuses it. */
function escapeText(text: string, at = 3): string | null {
  const length = input.write(text, at)
  const end = escaper.escape(input, at, at + length, output, 5)
  return end < 0 ? null : output.toString('utf8', 5, end)
}

/** What JSON.stringify writes between the quotes. */
const stringified = (text: string): string => JSON.stringify(text).slice(1, -1)

describe('escaping JSON text into a JSON string at byte level', () => {
  it('writes what JSON.stringify writes for quotes, backslashes, non-ASCII and astral characters, at every block position', () => {
    const specials = ['"', '\\', 'é', '€', '😀', '\u2028', '\u2029', '\u007f', '\u0080', '\uffff']
    for (const special of specials)
      for (let before = 0; before <= 33; before++)
        for (const after of [0, 1, 15, 16, 17]) {
          const text = `${'a'.repeat(before)}${special}${'b'.repeat(after)}`
          expect(escapeText(text), JSON.stringify(text)).toBe(stringified(text))
        }
  })

  it('agrees with JSON.stringify on random text made of the characters that matter', () => {
    const alphabet = ['"', '\\', 'x', ' ', '{', '}', ':', 'ü', '€', '😀', '\u2028', '/']
    let seed = 7
    const random = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
      return seed % n
    }
    for (let n = 0; n < 3000; n++) {
      const text = Array.from({ length: random(90) }, () => alphabet[random(alphabet.length)]).join('')
      expect(escapeText(text, random(40))).toBe(stringified(text))
    }
  })

  it('escapes a whole JSON frame the way the HAR needs it, and an empty one to nothing', () => {
    const frame = JSON.stringify({ type: 'agent_completed', data: { text: 'line\nbreak "quoted" \\ back', emoji: '😀' } })
    expect(escapeText(frame)).toBe(stringified(frame))
    expect(JSON.parse(`"${escapeText(frame) as string}"`)).toBe(frame)
    expect(escapeText('')).toBe('')
  })

  it('leaves every control character to the caller (-1), wherever it is', () => {
    for (let code = 0; code < 0x20; code++)
      for (const before of [0, 5, 16, 20]) expect(escapeText(`${'a'.repeat(before)}${String.fromCharCode(code)}${'z'.repeat(20)}`), `U+${code.toString(16)}`).toBeNull()
  })

  it('reads and writes only inside its own memory', () => {
    expect(escaper.owns(input)).toBe(true)
    expect(escaper.owns(Buffer.alloc(16))).toBe(false)
    expect(() => escaper.allocate(8 * 1024 * 1024)).toThrow(/exhausted/)
  })
})
