import { afterEach, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from './index'
import { isRunEnd, openAuthed } from './test-client'

let sandbox: Sandbox | null = null
afterEach(async () => {
  await sandbox?.stop()
  sandbox = null
})

describe('transformServerFrame', () => {
  it('rewrites every JSON frame the server sends: one frame may become several, or none', async () => {
    const seen: string[] = []
    sandbox = await startSandbox({
      stepDelayMs: 0,
      transformServerFrame: (json) => {
        seen.push(String(json.type))
        if (json.type === 'agent_thinking') return []
        return [{ ...json, rewritten: true }, ...(json.type === 'connection_established' ? [{ type: 'backend_log', data: { message: 'hello' } }] : [])]
      }
    })
    const client = await openAuthed(sandbox, { sub: 'transform-user' })
    await client.waitFor((frame) => frame.type === 'connection_established')
    client.send({ type: 'user_message', payload: { content: 'Analyse my cloud costs' } })
    await client.waitFor((frame) => isRunEnd(frame), 5000)
    client.ws.close()
    await client.closed
    const types = client.frames.map((frame) => frame.type)
    expect(types[0]).toBe('connection_established')
    expect(types[1]).toBe('backend_log')
    expect(types).not.toContain('agent_thinking')
    expect(seen).toContain('agent_thinking')
    expect(client.frames.filter((frame) => frame.type !== 'backend_log').every((frame) => frame.rewritten === true)).toBe(true)
    expect(client.frames.length).toBe(seen.length - seen.filter((type) => type === 'agent_thinking').length + 1)
  })

  it('sends every frame unchanged without one', async () => {
    sandbox = await startSandbox({ stepDelayMs: 0 })
    const client = await openAuthed(sandbox, { sub: 'plain-user' })
    const hello = await client.waitFor((frame) => frame.type === 'connection_established')
    expect(hello.rewritten).toBeUndefined()
    client.ws.close()
    await client.closed
  })
})
