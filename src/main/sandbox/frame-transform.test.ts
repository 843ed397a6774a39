import { afterEach, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox, type ServerFrameTransform } from './index'
import { isRunEnd, openAuthed } from './test-client'

let sandbox: Sandbox | null = null
afterEach(async () => {
  await sandbox?.stop()
  sandbox = null
})

/** Wrap every agent event in the beta-10 `agent_progress` envelope and put a heartbeat before it; drop acks. */
const wrapAndInterleave: ServerFrameTransform = (frame) => {
  if (frame.type === 'ack') return []
  if (typeof frame.type === 'string' && frame.type.startsWith('agent_'))
    return [
      { type: 'heartbeat', data: { timestamp: 1 } },
      { type: 'agent_progress', data: { event: frame.type, payload: frame } }
    ]
  return [frame]
}

describe('transformServerFrame: the seam for wire-preserving transformations', () => {
  it('passes every JSON frame through the transform: one in, zero or more out, in order', async () => {
    const seen: string[] = []
    sandbox = await startSandbox({
      stepDelayMs: 0,
      transformServerFrame: (frame) => {
        seen.push(String(frame.type))
        return wrapAndInterleave(frame)
      }
    })
    const client = await openAuthed(sandbox)
    await client.waitFor((frame) => frame.type === 'connection_established')
    client.send({ type: 'something_unknown' })
    client.send({ type: 'user_message', payload: { content: 'Analyse our cloud spend' } })
    await client.waitFor(
      (frame) =>
        frame.type === 'agent_progress' &&
        (frame.data as { payload: { agent_name?: string; type?: string } }).payload.agent_name ===
          'Supervisor' &&
        (frame.data as { event: string }).event === 'agent_completed'
    )
    // The transform saw the untransformed frames, the ack among them…
    expect(seen).toContain('connection_established')
    expect(seen).toContain('ack')
    // …and the client saw only what it returned: no ack, no bare agent event, a heartbeat before each wrapped one.
    const types = client.frames.map((frame) => frame.type)
    expect(types).not.toContain('ack')
    expect(
      types.filter(
        (type) => typeof type === 'string' && type.startsWith('agent_') && type !== 'agent_progress'
      )
    ).toEqual([])
    const agentFrames = seen.filter((type) => type.startsWith('agent_')).length
    expect(types.filter((type) => type === 'agent_progress')).toHaveLength(agentFrames)
    expect(types.filter((type) => type === 'heartbeat')).toHaveLength(agentFrames)
    types.forEach((type, i) => {
      if (type === 'agent_progress') expect(types[i - 1]).toBe('heartbeat')
    })
  })

  it('leaves raw text frames alone (the malformed-JSON fault stays malformed)', async () => {
    const seen: unknown[] = []
    sandbox = await startSandbox({
      stepDelayMs: 0,
      faults: ['malformed-json-frame'],
      transformServerFrame: (frame) => {
        seen.push(frame)
        return [frame]
      }
    })
    const client = await openAuthed(sandbox)
    await client.waitFor((frame) => frame.type === 'connection_established')
    client.send({ type: 'user_message', payload: { content: 'Analyse our cloud spend' } })
    await client.waitFor(isRunEnd)
    const malformed = client.texts.filter((text) => {
      try {
        JSON.parse(text)
        return false
      } catch {
        return true
      }
    })
    expect(malformed).toHaveLength(1)
    expect(seen).toHaveLength(client.frames.length)
  })

  it('transforms flood chunks too, keeping the flood complete', async () => {
    sandbox = await startSandbox({
      stepDelayMs: 0,
      transformServerFrame: (frame) =>
        frame.type === 'stream_chunk' ? [{ ...frame, event: frame.type }] : [frame]
    })
    const client = await openAuthed(sandbox)
    await client.waitFor((frame) => frame.type === 'connection_established')
    client.send({ type: 'flood', payload: { count: 1500 } })
    await client.waitFor((frame) => frame.type === 'flood_complete')
    const chunks = client.frames.filter((frame) => frame.type === 'stream_chunk')
    expect(chunks).toHaveLength(1500)
    expect(chunks.every((chunk) => chunk.event === 'stream_chunk')).toBe(true)
  })
})
