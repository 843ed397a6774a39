import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FrameRecord } from '../../shared/api/frame-record'
import { AuthMethodSchema } from '../../shared/api/frame-record'
import { buildUserMessage } from '../../shared/protocol/client-messages'
import { REDACTED, SecretRedactor } from '../../shared/session-log/secret-redactor'
import { applyRecords, createSessionModel } from '../../shared/session-model'
import { startSandbox, type Sandbox } from '../sandbox'
import { LiveSession, type LiveSessionOptions } from './live-session'

let sandbox: Sandbox
beforeAll(async () => {
  sandbox = await startSandbox({ stepDelayMs: 1 })
})
afterAll(async () => {
  await sandbox.stop()
})

async function openSession(overrides: Partial<LiveSessionOptions> = {}): Promise<{ session: LiveSession; records: FrameRecord[] }> {
  const records: FrameRecord[] = []
  const session = new LiveSession({
    environment: { id: 'sandbox', name: 'Sandbox', kind: 'sandbox' },
    url: sandbox.wsUrl,
    httpBase: sandbox.httpUrl,
    authMethod: 'subprotocol',
    token: await sandbox.mintToken(),
    redactor: new SecretRedactor(),
    onRecord: (record) => records.push(record),
    ...overrides
  })
  await session.open()
  return { session, records }
}

const until = async (check: () => boolean, ms = 5000): Promise<void> => {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached in time')
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

describe('LiveSession against the sandbox', () => {
  it.each(AuthMethodSchema.options.filter((method) => method !== 'none'))('connects with auth method %s', async (authMethod) => {
    const { session, records } = await openSession({ authMethod })
    const handshake = records.find((record) => record.kind === 'handshake')
    expect(handshake).toMatchObject({ ok: true, status: 101 })
    session.close()
    const close = await session.closed
    expect(close).toMatchObject({ code: 1000, initiator: 'client', clean: true })
  })

  it('records the refusal of a connection without a token as an HTTP status, not a close frame', async () => {
    const { session, records } = await openSession({ authMethod: 'none', token: null })
    const handshake = records.find((record) => record.kind === 'handshake')
    expect(handshake).toMatchObject({ ok: false, status: 403 })
    expect(records.filter((record) => record.kind === 'message')).toHaveLength(0)
    expect(await session.closed).toMatchObject({ code: 1006, initiator: 'none', clean: false })
  })

  it('records a refused port as a failed handshake with the socket error', async () => {
    const { session, records } = await openSession({ url: 'ws://127.0.0.1:1/ws' })
    const handshake = records.find((record) => record.kind === 'handshake')
    expect(handshake).toMatchObject({ ok: false, status: null })
    expect(handshake && 'error' in handshake ? handshake.error : '').toMatch(/ECONNREFUSED/)
    await session.closed
  })

  it('runs a whole agent run, stamps monotonic offsets, and never lets the token through', async () => {
    const token = await sandbox.mintToken({ sub: 'user-canary' })
    const { session, records } = await openSession({ token })
    session.send(buildUserMessage('Analyse my cloud costs'))
    await until(() => applyRecords(createSessionModel('x'), records).runs.some((run) => run.status === 'completed'))
    session.close(1000, 'done')
    await session.closed
    const model = applyRecords(createSessionModel('x'), records)
    expect(model.runs[0].agents.map((agent) => agent.agentName)).toEqual(['Supervisor', 'triage', 'data_helper', 'reporting'])
    expect(records.map((record) => record.seq)).toEqual(records.map((_, i) => i))
    for (let i = 1; i < records.length; i++) expect(records[i].t).toBeGreaterThanOrEqual(records[i - 1].t)
    const everything = JSON.stringify(records)
    expect(everything).not.toContain(token)
    expect(everything).not.toContain(Buffer.from(token).toString('base64url'))
    expect(everything).toContain(`jwt.${REDACTED}`)
  })

  it('refuses to send when the session is not open', async () => {
    const { session } = await openSession()
    session.close()
    await session.closed
    expect(() => session.send('{}')).toThrow(/not open/)
  })

  it('explains a missing token for an auth method that needs one', async () => {
    const { session, records } = await openSession({ token: null, authMethod: 'header' })
    expect(records.find((record) => record.kind === 'error')).toMatchObject({ message: expect.stringMatching(/needs a token/) })
    expect(await session.closed).toMatchObject({ code: 1006 })
  })
})
