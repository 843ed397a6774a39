import { describe, expect, it } from 'vitest'
import { ContractError, dispatch, METHOD_NAMES, parseRequest, type ContractHandlers } from './contract'

describe('contract validation', () => {
  it('rejects an invalid request with the schema message', () => {
    expect(() => parseRequest('session.send', { sessionId: 's1', text: '', mode: 'user_message' })).toThrow(
      /session.send: text: message text is empty/
    )
  })

  it('rejects a close code a client may not send', () => {
    expect(() => parseRequest('session.disconnect', { sessionId: 's1', code: 1006 })).toThrow(/3000–4999/)
  })

  it('rejects unknown fields so typos do not pass silently', () => {
    expect(() => parseRequest('session.connect', { environmentId: 'sandbox', envId: 'x' })).toThrow(ContractError)
  })

  it('dispatch refuses an unknown method and calls a known one with the parsed request', async () => {
    const calls: unknown[] = []
    const handlers = Object.fromEntries(
      METHOD_NAMES.map((name) => [name, async (request: unknown) => (calls.push([name, request]), { ok: true })])
    ) as unknown as ContractHandlers
    await expect(dispatch(handlers, 'nope', {})).rejects.toMatchObject({ code: 'unknown-method' })
    await dispatch(handlers, 'session.connect', { environmentId: 'sandbox' })
    expect(calls).toEqual([['session.connect', { environmentId: 'sandbox' }]])
  })
})
