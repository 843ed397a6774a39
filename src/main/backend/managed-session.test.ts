import { afterEach, describe, expect, it } from 'vitest'
import type { ContractBackend } from '../../shared/api/contract'
import type { CloseRecord, FrameRecord } from '../../shared/api/frame-record'
import { createBackend } from './create-backend'
import { until } from '../testing/until'

let backend: ContractBackend | null = null
afterEach(async () => {
  await backend?.dispose()
  backend = null
})

function typeOf(data: string): unknown {
  return (JSON.parse(data) as { type?: unknown }).type
}

/** A backend whose sandbox accepts the run and then goes silent: no events, no pong, no answer to a close. */
async function silentSession(): Promise<{ backend: ContractBackend; sessionId: string; records: FrameRecord[] }> {
  backend = createBackend({ host: 'cli', sandbox: { stepDelayMs: 1, faults: ['server-silent'] }, preflight: null })
  const records: FrameRecord[] = []
  backend.subscribe((event, payload) => {
    if (event === 'session.records') records.push(...(payload as { records: FrameRecord[] }).records)
  })
  const { sessionId } = await backend.handlers['session.connect']({ environmentId: 'sandbox' })
  await until(() => records.some((record) => record.kind === 'message' && typeOf(record.data) === 'connection_established'))
  await backend.handlers['session.send']({ sessionId, text: 'Analyse my cloud costs', mode: 'user_message' })
  await until(() => records.some((record) => record.kind === 'message' && typeOf(record.data) === 'agent_started'))
  return { backend, sessionId, records }
}

describe('session.disconnect', () => {
  it('ends within the 2 s close grace when the server never answers the close, and the close is the user\'s', async () => {
    const { backend, sessionId, records } = await silentSession()
    const asked = records.at(-1)?.t ?? 0
    await backend.handlers['session.disconnect']({ sessionId })
    // Resolved only once the session has ended: its close record is already there.
    const close = records.find((record): record is CloseRecord => record.kind === 'close')
    expect(close).toMatchObject({ initiator: 'client', code: 1006, clean: false, dir: 'local' })
    expect(close!.t - asked).toBeLessThan(2500)
    expect(records.some((record) => record.kind === 'note' && /no answer to the close within 2000 ms/.test(record.text))).toBe(true)
    const { sessions } = await backend.handlers['session.list']({})
    expect(sessions.find((session) => session.id === sessionId)?.state).toBe('closed')
  })

  it('a server that answers the close ends cleanly at once, as before', async () => {
    backend = createBackend({ host: 'cli', sandbox: { stepDelayMs: 1 }, preflight: null })
    const records: FrameRecord[] = []
    backend.subscribe((event, payload) => {
      if (event === 'session.records') records.push(...(payload as { records: FrameRecord[] }).records)
    })
    const { sessionId } = await backend.handlers['session.connect']({ environmentId: 'sandbox' })
    await until(() => records.some((record) => record.kind === 'handshake'))
    await backend.handlers['session.disconnect']({ sessionId })
    expect(records.find((record) => record.kind === 'close')).toMatchObject({ code: 1000, initiator: 'client', clean: true })
    expect(records.some((record) => record.kind === 'note' && /no answer to the close/.test(record.text))).toBe(false)
  })
})
