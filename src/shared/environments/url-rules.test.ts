import { describe, expect, it } from 'vitest'
import { urlProblem } from './url-rules'

describe('urlProblem', () => {
  it('accepts ws(s) and http(s) URLs of the right scheme', () => {
    expect(urlProblem('wss://api.netrasystems.ai/ws?mode=factory', ['ws', 'wss'])).toBeNull()
    expect(urlProblem('http://localhost:8000', ['http', 'https'])).toBeNull()
  })
  it('names the problem: bad text, wrong scheme, embedded secrets', () => {
    expect(urlProblem('nope', ['ws', 'wss'])).toMatch(/not a valid URL/)
    expect(urlProblem('https://api.netrasystems.ai/ws', ['ws', 'wss'])).toMatch(/must start with ws:\/\/ or wss:\/\//)
    expect(urlProblem('wss://user:pw@host/ws', ['ws', 'wss'])).toMatch(/user name or password/)
    expect(urlProblem('wss://host/ws?token=abc', ['ws', 'wss'])).toMatch(/"token" query parameter/)
  })
})
