import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { JsonStream, JsonStreamError, OversizedString, type JsonContainerHook, type JsonPathPart } from './json-stream'

function parseChunked(text: string, cuts: number[], onContainer: JsonContainerHook = () => false, maxStringChars?: number): unknown {
  const parser = new JsonStream({ hookDepth: 8, onContainer, maxStringChars })
  let from = 0
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    parser.write(text.slice(from, Math.max(from, cut)))
    from = Math.max(from, cut)
  }
  parser.write(text.slice(from))
  parser.end()
  return parser.value
}

function failure(text: string): JsonStreamError {
  try {
    parseChunked(text, [])
  } catch (error) {
    expect(error).toBeInstanceOf(JsonStreamError)
    return error as JsonStreamError
  }
  throw new Error(`parsed without error: ${text}`)
}

describe('JsonStream', () => {
  it('reads any JSON document exactly as JSON.parse does, however the text is cut into chunks', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), fc.array(fc.nat(), { maxLength: 8 }), (value, pretty, cuts) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined)
        expect(parseChunked(text, cuts.map((cut) => cut % (text.length + 1)))).toEqual(JSON.parse(text))
      }),
      { numRuns: 300 }
    )
  })

  it('reads escapes split across chunks, surrogate pairs and a BOM-less document with spaces around it', () => {
    const text = ' {"a":"\\u00e9\\ud83d\\ude00\\n\\"x\\"","b":[1,-2.5e3,true,false,null]} \n'
    for (let cut = 0; cut <= text.length; cut++) expect(parseChunked(text, [cut])).toEqual(JSON.parse(text))
  })

  it('says where the text stops being JSON, by line and column', () => {
    expect(failure('{\n  "a": 1,\n  "b": x\n}').position).toEqual({ line: 3, column: 8 })
    expect(failure('{"a": 1,}').problem).toContain("'}' where a key")
    expect(failure('{"a": "line\nbreak"}').problem).toContain('inside a string')
    expect(failure('[1 2]').problem).toContain("',' or ']'")
    expect(failure('{"a": tru}').problem).toContain('"tru" is not a JSON value')
    expect(failure('{"a": 01}').problem).toContain('"01" is not a JSON value')
    expect(failure('{} {}').problem).toContain('after the end')
    const cut = failure('{"log": {"entries": [1, 2')
    expect(cut.problem).toContain('ends before the JSON document does')
    expect(cut.position).toEqual({ line: 1, column: 26 })
    expect(failure('').problem).toContain('no JSON value at all')
  })

  it('hands each container near the root to the hook, and drops the ones it consumed', () => {
    const seen: Array<{ path: JsonPathPart[]; value: unknown }> = []
    const value = parseChunked('{"log":{"entries":[{"m":[{"a":1},{"a":2}]},{"m":[]}]}}', [7, 20], (path, item) => {
      seen.push({ path: [...path], value: item })
      return path.length === 5 && path[3] === 'm'
    })
    expect(seen.filter((item) => item.path.length === 5).map((item) => item.value)).toEqual([{ a: 1 }, { a: 2 }])
    expect(value).toEqual({ log: { entries: [{ m: [] }, { m: [] }] } })
    expect(seen.find((item) => item.path.length === 3 && item.path[2] === 1)).toBeDefined()
  })

  it('unwinds a cut-off document: every open container reaches the hook as partial, attached to its parent', () => {
    const partial: Array<{ path: JsonPathPart[]; value: unknown }> = []
    const parser = new JsonStream({
      hookDepth: 8,
      onContainer: (path, value, isPartial) => {
        if (isPartial) partial.push({ path: [...path], value: structuredClone(value) })
        return false
      }
    })
    parser.write('{"log":{"version":"1.2","entries":[{"request":{"url":"wss://x"},"messages":[{"a":1},{"a"')
    expect(() => parser.end()).toThrow(JsonStreamError)
    parser.unwind()
    expect(partial.map((item) => item.path)).toEqual([['log', 'entries', 0, 'messages', 1], ['log', 'entries', 0, 'messages'], ['log', 'entries', 0], ['log', 'entries'], ['log'], []])
    expect(partial[2].value).toEqual({ request: { url: 'wss://x' }, messages: [{ a: 1 }, {}] })
  })

  it('does not keep a string longer than the limit, only its length, and reads on past it', () => {
    const value = parseChunked(`{"big":"${'x'.repeat(1000)}","after":2}`, [100, 500], undefined, 100) as { big: unknown; after: number }
    expect(value.big).toBeInstanceOf(OversizedString)
    expect((value.big as OversizedString).length).toBe(1000)
    expect(value.after).toBe(2)
  })

  it('keeps a "__proto__" key as data', () => {
    const value = parseChunked('{"__proto__":{"polluted":true}}', []) as Record<string, unknown>
    expect(Object.keys(value)).toEqual(['__proto__'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
