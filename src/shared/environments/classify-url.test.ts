import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { classifyUrl } from './classify-url'

describe('classifyUrl: the hosts of PROTOCOL.md §1', () => {
  it.each([
    ['ws://localhost:8000/ws', 'local', true],
    ['http://localhost:8081', 'local', true],
    ['ws://127.0.0.1:51234/ws', 'local', false],
    ['ws://[::1]:8000/ws', 'local', false],
    ['wss://api.staging.netrasystems.ai/ws', 'staging', true],
    ['https://auth.staging.netrasystems.ai', 'staging', true],
    ['wss://api.netrasystems.ai/ws', 'production', true],
    ['https://auth.netrasystems.ai', 'production', true],
    ['wss://api-staging.netrasystems.ai/ws', 'staging', true],
    ['wss://staging.netrasystems.ai/api/v1/websocket', 'staging', true],
    ['wss://api.netrasystems.ai/websocket', 'production', true],
    ['wss://my-staging-box.example.com/ws', 'staging', false],
    ['wss://app.netrasystems.ai/ws', 'production', false],
    ['wss://netra.example.com/ws', 'custom', false]
  ] as const)('%s → %s', (url, kind, knownHost) => {
    expect(classifyUrl(url)).toMatchObject({ kind, knownHost })
  })

  it('explains the older host names and paths', () => {
    expect(classifyUrl('wss://api-staging.netrasystems.ai/ws').note).toMatch(/older staging host name/)
    expect(classifyUrl('wss://staging.netrasystems.ai/api/v1/websocket').note).toMatch(/older WebSocket path \/api\/v1\/websocket/)
    expect(classifyUrl('wss://api.netrasystems.ai/websocket').note).toMatch(/older production WebSocket path/)
  })

  it('accepts a pasted host without a scheme, any case, and a trailing dot', () => {
    expect(classifyUrl('  API.Staging.NetraSystems.ai/ws ')).toMatchObject({ kind: 'staging', host: 'api.staging.netrasystems.ai' })
    expect(classifyUrl('wss://api.netrasystems.ai./ws')).toMatchObject({ kind: 'production', host: 'api.netrasystems.ai' })
  })

  it('does not take look-alike hosts for production', () => {
    expect(classifyUrl('wss://api.netrasystems.ai.evil.example/ws').kind).toBe('custom')
    expect(classifyUrl('wss://notnetrasystems.ai/ws').kind).toBe('custom')
    expect(classifyUrl('wss://localhost.evil.example/ws').kind).toBe('custom')
  })

  it('is not fooled by host names that are Object.prototype keys', () => {
    expect(classifyUrl('__proto__')).toMatchObject({ kind: 'custom', knownHost: false })
    expect(classifyUrl('wss://constructor/ws')).toMatchObject({ kind: 'custom', knownHost: false })
  })

  it('answers "custom, no host" for text that is not a URL', () => {
    expect(classifyUrl('')).toMatchObject({ kind: 'custom', host: null, knownHost: false })
    expect(classifyUrl('::::')).toMatchObject({ kind: 'custom', host: null })
  })
})

const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/)
const scheme = fc.constantFrom('ws', 'wss', 'http', 'https')
const port = fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined })
const path = fc.constantFrom('', '/ws', '/ws?mode=factory', '/api/v1/websocket', '/websocket')
const url = (host: string, p: number | undefined, s: string, rest: string): string => `${s}://${host}${p ? `:${p}` : ''}${rest}`

describe('classifyUrl: properties', () => {
  it('never throws and always names a kind', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(['local', 'staging', 'production', 'custom']).toContain(classifyUrl(text).kind)
      })
    )
  })

  it('any host containing "staging" is staging', () => {
    fc.assert(
      fc.property(label, label, scheme, port, path, (before, after, s, p, rest) => {
        const host = `${before}staging${after}.example.com`
        expect(classifyUrl(url(host, p, s, rest)).kind).toBe('staging')
      })
    )
  })

  it('netrasystems.ai subdomains without "staging" are production', () => {
    fc.assert(
      fc.property(fc.array(label, { minLength: 0, maxLength: 3 }), scheme, port, path, (labels, s, p, rest) => {
        fc.pre(!labels.some((part) => part.includes('staging')))
        const host = [...labels, 'netrasystems', 'ai'].join('.')
        expect(classifyUrl(url(host, p, s, rest)).kind).toBe('production')
      })
    )
  })

  it('loopback addresses are local on any port and path', () => {
    const loopback = fc.oneof(
      fc.constant('localhost'),
      fc.constant('[::1]'),
      fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255)).map(([a, b, c]) => `127.${a}.${b}.${c}`)
    )
    fc.assert(
      fc.property(loopback, scheme, port, path, (host, s, p, rest) => {
        expect(classifyUrl(url(host, p, s, rest)).kind).toBe('local')
      })
    )
  })

  it('other hosts are custom', () => {
    fc.assert(
      fc.property(fc.array(label, { minLength: 1, maxLength: 3 }), fc.constantFrom('com', 'io', 'org', 'net'), scheme, port, path, (labels, tld, s, p, rest) => {
        const host = [...labels, tld].join('.')
        fc.pre(!host.includes('staging') && !host.endsWith('localhost'))
        expect(classifyUrl(url(host, p, s, rest))).toMatchObject({ kind: 'custom', knownHost: false, host })
      })
    )
  })
})
