import { describe, expect, it } from 'vitest'
import { isSingleLineJson } from './single-line-json'

describe('isSingleLineJson', () => {
  it('accepts one valid JSON value on one line, and nothing else', () => {
    for (const text of ['{}', '[]', '1', '-0.5e+3', '"a\\"b"', 'true', ' {"a":[1,{"b":null}]} ']) expect(isSingleLineJson(text), text).toBe(true)
    for (const text of ['', '{"a":1,}', '01', '{"a" 1}', 'nul', '[1 2]', '"tab\there"', '{\n"a":1}', '{"a":1}\r', '{"a":1}\n'])
      expect(isSingleLineJson(text), text).toBe(false)
  })
})
