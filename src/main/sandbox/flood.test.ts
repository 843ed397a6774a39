import { afterEach, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from './index'
import { openClient } from './test-client'

let sandbox: Sandbox | null = null
afterEach(async () => {
  await sandbox?.stop()
  sandbox = null
})

describe('flood', () => {
  it('streams 100 000 chunks complete and in order, then flood_complete', async () => {
    sandbox = await startSandbox({ stepDelayMs: 0 })
    const client = await openClient(`${sandbox.wsUrl}?token=${await sandbox.mintToken()}`)
    await client.waitFor((frame) => frame.type === 'connection_established')
    const total = 100_000
    let next = 0
    let outOfOrder = 0
    let completed: Record<string, unknown> | null = null
    const done = new Promise<void>((resolve) => {
      client.ws.on('message', (raw) => {
        const frame = JSON.parse(raw.toString()) as {
          type: string
          data: { index: number; total: number; count: number }
        }
        if (frame.type === 'stream_chunk') {
          if (frame.data.index !== next || frame.data.total !== total) outOfOrder++
          next++
        } else if (frame.type === 'flood_complete') {
          completed = frame
          resolve()
        }
      })
    })
    client.send({ type: 'flood', payload: { count: total } })
    await done
    expect(next).toBe(total)
    expect(outOfOrder).toBe(0)
    expect(completed).toEqual({ type: 'flood_complete', data: { count: total } })
    client.ws.close()
  })

  it('keeps server memory bounded when the client stops reading', async () => {
    sandbox = await startSandbox({ stepDelayMs: 0 })
    const client = await openClient(`${sandbox.wsUrl}?token=${await sandbox.mintToken()}`)
    await client.waitFor((frame) => frame.type === 'connection_established')
    const socket = (client.ws as unknown as { _socket: import('node:net').Socket })._socket
    client.send({ type: 'flood', payload: { count: 1_000_000 } })
    await client.waitFor((frame) => frame.type === 'stream_chunk')
    socket.pause()
    const sent = async (): Promise<number> =>
      ((await (await fetch(`${sandbox!.httpUrl}/ws/stats`)).json()) as { messages_sent: number })
        .messages_sent
    await new Promise((resolve) => setTimeout(resolve, 300))
    const first = await sent()
    await new Promise((resolve) => setTimeout(resolve, 200))
    // Stalled, not buffering: only what fits in the kernel's socket buffers went out, and nothing more follows.
    expect(first).toBeLessThan(300_000)
    expect(await sent()).toBe(first)
    socket.resume()
    client.ws.terminate()
  })

  it('paces a flood at the asked rate, each chunk stamped with its send time, in order', async () => {
    sandbox = await startSandbox({ stepDelayMs: 0 })
    const client = await openClient(`${sandbox.wsUrl}?token=${await sandbox.mintToken()}`)
    await client.waitFor((frame) => frame.type === 'connection_established')
    const chunks: { index: number; sent_ms: number }[] = []
    const done = new Promise<void>((resolve) => {
      client.ws.on('message', (raw) => {
        const frame = JSON.parse(raw.toString()) as { type: string; data: { index: number; sent_ms: number } }
        if (frame.type === 'stream_chunk') chunks.push(frame.data)
        else if (frame.type === 'flood_complete') resolve()
      })
    })
    const before = Date.now()
    client.send({ type: 'flood', payload: { count: 300, rate: 1000 } })
    await done
    expect(chunks.map((chunk) => chunk.index)).toEqual([...Array(300).keys()])
    for (let i = 1; i < chunks.length; i++) expect(chunks[i].sent_ms).toBeGreaterThanOrEqual(chunks[i - 1].sent_ms)
    expect(chunks[0].sent_ms).toBeGreaterThanOrEqual(before)
    client.ws.close()
  })

  it('rejects a flood rate out of range', async () => {
    sandbox = await startSandbox({ stepDelayMs: 0 })
    const client = await openClient(`${sandbox.wsUrl}?token=${await sandbox.mintToken()}`)
    client.send({ type: 'flood', payload: { count: 10, rate: 0 } })
    const error = await client.waitFor((frame) => frame.type === 'error')
    expect(String(error.message)).toMatch(/flood rate/)
    client.ws.close()
  })

  it('floods whole runs with shape "runs": one run id each, Supervisor around data_helper', async () => {
    sandbox = await startSandbox({ stepDelayMs: 0 })
    const client = await openClient(`${sandbox.wsUrl}?token=${await sandbox.mintToken()}`)
    await client.waitFor((frame) => frame.type === 'connection_established')
    const seen: Array<{ type: string; run_id: string; agent_name: string }> = []
    client.ws.on('message', (raw) => {
      const frame = JSON.parse(raw.toString()) as { type: string; run_id: string; agent_name: string }
      if (frame.type.startsWith('agent_')) seen.push(frame)
    })
    client.send({ type: 'flood', payload: { count: 3, shape: 'runs' } })
    await client.waitFor((frame) => frame.type === 'flood_complete')
    expect(new Set(seen.map((frame) => frame.run_id))).toEqual(new Set(['flood_run_0', 'flood_run_1', 'flood_run_2']))
    expect(seen.slice(0, 4).map((frame) => `${frame.type}:${frame.agent_name}`)).toEqual([
      'agent_started:Supervisor',
      'agent_started:data_helper',
      'agent_completed:data_helper',
      'agent_completed:Supervisor'
    ])
    client.ws.close()
  })

  it('rejects a flood count out of range', async () => {
    sandbox = await startSandbox({ stepDelayMs: 0 })
    const client = await openClient(`${sandbox.wsUrl}?token=${await sandbox.mintToken()}`)
    client.send({ type: 'flood', payload: { count: 1_000_001 } })
    const error = await client.waitFor((frame) => frame.type === 'error')
    expect(String(error.message)).toMatch(/flood count/)
    client.ws.close()
  })
})
