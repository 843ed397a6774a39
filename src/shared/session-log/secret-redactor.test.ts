import { describe, expect, it } from 'vitest'
import { REDACTED, SecretRedactor } from './secret-redactor'
import { base64Url, OPAQUE_TOKENS, wireForms } from './testing/wire-forms'

describe('SecretRedactor: every encoding', () => {
  it.each(OPAQUE_TOKENS)('masks every wire encoding of %j', (token) => {
    const redactor = new SecretRedactor()
    redactor.add(token)
    for (const [name, form] of Object.entries(wireForms(token))) {
      // Exactly the token goes, whole: nothing of it is left around the marker.
      expect({ name, redacted: redactor.redact(`before ${form} after`) }).toEqual({ name, redacted: `before ${REDACTED} after` })
    }
  })

  it('masks the forms the app itself writes: Bearer header, jwt. subprotocol, ?token= query, and redacts header maps', () => {
    const token = OPAQUE_TOKENS[0]
    const redactor = new SecretRedactor()
    redactor.add(token)
    const url = new URL('ws://h/ws')
    url.searchParams.set('token', token)
    expect(redactor.redact(url.toString())).toBe(`ws://h/ws?token=${REDACTED}`)
    expect(redactor.redact(`jwt.${base64Url(token)}`)).toBe(`jwt.${REDACTED}`)
    expect(redactor.redactHeaders({ authorization: `Bearer ${token}`, host: 'x' })).toEqual({ authorization: `Bearer ${REDACTED}`, host: 'x' })
  })

  it('leaves text without secrets alone', () => {
    const redactor = new SecretRedactor()
    redactor.add(OPAQUE_TOKENS[0])
    expect(redactor.redact('a short story')).toBe('a short story')
    expect(new SecretRedactor().redact('anything')).toBe('anything')
  })
})

describe('SecretRedactor: the length rule', () => {
  it('8+ characters: everywhere, also inside other text', () => {
    const redactor = new SecretRedactor()
    redactor.add('s3cr3t-1')
    expect(redactor.redact('xxs3cr3t-1yy')).toBe(`xx${REDACTED}yy`)
  })

  it('3–7 characters: every encoding as a whole token, never inside a word', () => {
    const redactor = new SecretRedactor()
    redactor.add("c'st")
    expect(redactor.redact("?token=c'st&x=1")).toBe(`?token=${REDACTED}&x=1`)
    expect(redactor.redact(`?token=${new URLSearchParams({ t: "c'st" }).toString().slice(2)}`)).toBe(`?token=${REDACTED}`)
    expect(redactor.redact(`jwt.${base64Url("c'st")}`)).toBe(`jwt.${REDACTED}`)
    expect(redactor.redact("it c'st. xc'st c'stx")).toBe(`it ${REDACTED}. xc'st c'stx`)
    const word = new SecretRedactor()
    word.add('cost')
    expect(word.redact('Analyse my cloud costs; the cost is high')).toBe(`Analyse my cloud costs; the ${REDACTED} is high`)
  })

  it('1–2 characters: only where a credential stands, so ordinary frames are not shredded', () => {
    const redactor = new SecretRedactor()
    redactor.add('a')
    redactor.add('~!')
    const frame = '{"type":"agent_thinking","data":{"reasoning":"a plan ~! a b"}}'
    expect(redactor.redact(frame)).toBe(frame)
    expect(redactor.redact('ws://h/ws?token=a&mode=main')).toBe(`ws://h/ws?token=${REDACTED}&mode=main`)
    expect(redactor.redact('ws://h/ws?token=%7E%21')).toBe(`ws://h/ws?token=${REDACTED}`)
    expect(redactor.redact('Bearer a')).toBe(`Bearer ${REDACTED}`)
    expect(redactor.redact(`jwt.${base64Url('~!')}`)).toBe(`jwt.${REDACTED}`)
    expect(redactor.redact('{"token": "a"}')).toBe(`{"token": "${REDACTED}"}`)
  })
})

describe('SecretRedactor: one pattern per session', () => {
  it('derive() starts from the backend’s secrets; what a session adds stays in the session', () => {
    const backend = new SecretRedactor()
    backend.add('backend-secret-1')
    const session = backend.derive()
    session.add('session-token-1')
    expect(session.redact('backend-secret-1 session-token-1')).toBe(`${REDACTED} ${REDACTED}`)
    expect(backend.redact('session-token-1')).toBe('session-token-1')
    expect(backend.size).toBe(1)
    for (let i = 0; i < 100; i++) backend.derive().add(`token-of-session-${i}`)
    expect(backend.size).toBe(1)
  })

  it('registers a secret once, and its trimmed form too', () => {
    const redactor = new SecretRedactor()
    redactor.add('padded-token\n')
    redactor.add('padded-token\n')
    expect(redactor.size).toBe(2)
    expect(redactor.redact('Bearer padded-token')).toBe(`Bearer ${REDACTED}`)
  })
})

describe('SecretRedactor: a 1–2 character token in a close reason', () => {
  it('is redacted as a credential parameter at the start of the text too', () => {
    const redactor = new SecretRedactor()
    redactor.add('~!')
    expect(redactor.redact('token=~!')).toBe(`token=${REDACTED}`)
    expect(redactor.redact('mytoken=~!')).toBe('mytoken=~!')
  })
})
