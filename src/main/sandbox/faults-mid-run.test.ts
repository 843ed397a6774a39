import { WebSocket } from 'ws'
import { afterEach, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from './index'
import { isRunEnd, openAuthed, type TestClient } from './test-client'

let sandbox: Sandbox | null = null
afterEach(async () => {
  await sandbox?.stop()
  sandbox = null
})

const AGENT_TYPES = new Set([
  'agent_started',
  'agent_thinking',
  'tool_executing',
  'tool_completed',
  'agent_completed',
  'agent_death',
  'agent_timeout_warning'
])

async function run(
  faults: string[],
  options: { stepDelayMs?: number; triage?: 'sufficient' } = {}
): Promise<TestClient> {
  sandbox = await startSandbox({ faults, stepDelayMs: options.stepDelayMs ?? 0, triage: options.triage })
  const client = await openAuthed(sandbox, { sub: 'owner-user' })
  await client.waitFor((frame) => frame.type === 'connection_established')
  client.send({ type: 'user_message', payload: { content: 'Analyse our cloud spend' } })
  return client
}

const events = (client: TestClient) => client.frames.filter((frame) => AGENT_TYPES.has(String(frame.type)))
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('mid-run faults', () => {
  it('agent-death: agent_death after data_helper thinks; no completion, socket stays open', async () => {
    const client = await run(['agent-death'])
    const death = await client.waitFor((frame) => frame.type === 'agent_death')
    expect(death).toMatchObject({
      agent_name: 'data_helper',
      data: { status: 'dead', death_cause: expect.any(String), recovery_action: expect.any(String) }
    })
    await pause(50)
    expect(client.frames.some(isRunEnd)).toBe(false)
    const before = events(client).map((event) => `${event.agent_name}:${event.type}`)
    expect(before.slice(-2)).toEqual(['data_helper:agent_thinking', 'data_helper:agent_death'])
    client.send({ type: 'ping' })
    await client.waitFor((frame) => frame.type === 'pong')
    expect(client.ws.readyState).toBe(WebSocket.OPEN)
    client.ws.close()
  })

  it('tcp-drop: the socket dies mid-run without a close frame (1006, not clean)', async () => {
    const client = await run(['tcp-drop'])
    const closed = await client.closed
    expect(closed).toMatchObject({ code: 1006, wasClean: false })
    expect(events(client).at(-1)).toMatchObject({ type: 'agent_started', agent_name: 'triage' })
  })

  it('server-silent: nothing after Supervisor agent_started, no pong, no close', async () => {
    const client = await run(['server-silent'])
    await client.waitFor((frame) => frame.type === 'agent_started')
    client.send({ type: 'ping' })
    let controlPong = false
    client.ws.on('pong', () => {
      controlPong = true
    })
    client.ws.ping()
    await pause(150)
    expect(client.frames.map((frame) => frame.type)).toEqual(['connection_established', 'agent_started'])
    expect(controlPong).toBe(false)
    client.ws.close(1000)
    await pause(100)
    // The closing handshake never completes: the server no longer reads.
    expect(client.ws.readyState).toBe(WebSocket.CLOSING)
    await sandbox!.stop()
    expect((await client.closed).code).toBe(1006)
  })

  it('slow-llm: data_helper thinking is held back by 150 × stepDelayMs', async () => {
    const client = await run(['slow-llm'], { stepDelayMs: 2 })
    const started = await client.waitFor(
      (frame) => frame.type === 'agent_started' && frame.agent_name === 'data_helper'
    )
    const thinking = await client.waitFor(
      (frame) => frame.type === 'agent_thinking' && frame.agent_name === 'data_helper'
    )
    const gap = Date.parse(String(thinking.timestamp)) - Date.parse(String(started.timestamp))
    expect(gap).toBeGreaterThanOrEqual(295)
    await client.waitFor(isRunEnd)
    client.ws.close()
  })

  it('slow-llm:<ms> sets the delay explicitly', async () => {
    const client = await run(['slow-llm:200'])
    const started = await client.waitFor(
      (frame) => frame.type === 'agent_started' && frame.agent_name === 'data_helper'
    )
    const thinking = await client.waitFor(
      (frame) => frame.type === 'agent_thinking' && frame.agent_name === 'data_helper'
    )
    expect(
      Date.parse(String(thinking.timestamp)) - Date.parse(String(started.timestamp))
    ).toBeGreaterThanOrEqual(195)
    client.ws.close()
  })

  it('missing-tool-completed: data_helper never sends tool_completed, the run still ends', async () => {
    const client = await run(['missing-tool-completed'])
    await client.waitFor(isRunEnd)
    const helper = events(client)
      .filter((event) => event.agent_name === 'data_helper')
      .map((event) => event.type)
    expect(helper).toEqual(['agent_started', 'agent_thinking', 'tool_executing', 'agent_completed'])
    client.ws.close()
  })

  it('optimization-before-data: optimization runs before data', async () => {
    const client = await run(['optimization-before-data'])
    await client.waitFor(isRunEnd)
    const order = [...new Set(events(client).map((event) => event.agent_name))]
    expect(order).toEqual(['Supervisor', 'triage', 'optimization', 'data', 'reporting'])
    client.ws.close()
  })

  it('cross-user-leak: exactly one event carries a foreign user_id and run_id', async () => {
    const client = await run(['cross-user-leak'])
    await client.waitFor(isRunEnd)
    const all = events(client)
    const foreign = all.filter((event) => event.user_id !== 'owner-user')
    expect(foreign).toHaveLength(1)
    expect(foreign[0]).toMatchObject({ type: 'agent_thinking', agent_name: 'data_helper' })
    expect(foreign[0].run_id).not.toBe(all[0].run_id)
    expect(new Set(all.map((event) => event.run_id)).size).toBe(2)
    client.ws.close()
  })

  it('cross-user-leak with other users connected: the event reaches a user whose run is in flight, not an idle one', async () => {
    sandbox = await startSandbox({ faults: ['cross-user-leak'], stepDelayMs: 15 })
    // Connected before the others and idle throughout, as a support engineer's own session beside a check.
    const idle = await openAuthed(sandbox, { sub: 'idle-user' })
    const busy = await openAuthed(sandbox, { sub: 'busy-user' })
    const owner = await openAuthed(sandbox, { sub: 'owner-user' })
    for (const client of [idle, busy, owner]) await client.waitFor((frame) => frame.type === 'connection_established')
    for (const client of [busy, owner]) client.send({ type: 'user_message', payload: { content: 'Analyse our cloud spend' } })
    await Promise.all([busy, owner].map((client) => client.waitFor(isRunEnd)))
    await pause(50)

    // Each running user's data_helper thought reached the other running user, once.
    const foreignTo = (client: TestClient, own: string) => events(client).filter((event) => event.user_id !== own)
    expect(foreignTo(busy, 'busy-user')).toEqual([expect.objectContaining({ type: 'agent_thinking', agent_name: 'data_helper', user_id: 'owner-user' })])
    expect(foreignTo(owner, 'owner-user')).toEqual([expect.objectContaining({ type: 'agent_thinking', agent_name: 'data_helper', user_id: 'busy-user' })])
    // Its run id is the owner's own, so the receiver can be told whose it was.
    expect(foreignTo(busy, 'busy-user')[0].run_id).toBe(events(owner)[0].run_id)
    expect(events(idle)).toEqual([])
    for (const client of [idle, busy, owner]) client.ws.close()
  })

  it('malformed-json-frame: one truncated JSON frame mid-run, then the run continues', async () => {
    const client = await run(['malformed-json-frame'])
    await client.waitFor(isRunEnd)
    const bad = client.texts.filter((text) => {
      try {
        JSON.parse(text)
        return false
      } catch {
        return true
      }
    })
    expect(bad).toHaveLength(1)
    const index = client.texts.indexOf(bad[0])
    expect(JSON.parse(client.texts[index - 1])).toMatchObject({
      type: 'agent_thinking',
      agent_name: 'triage'
    })
    client.ws.close()
  })
})
