import { createServer } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { SANDBOX_FAULTS, SANDBOX_GENERATIONS, startSandbox, type Sandbox } from './index'
import { dig, openClient } from './test-client'

let sandbox: Sandbox | null = null
afterEach(async () => {
  await sandbox?.stop()
  sandbox = null
})

async function getJson(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url)
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
    probe.once('error', () => resolve(false))
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)))
  })
}

describe('sandbox server', () => {
  it('starts on loopback with free ports and resolved options', async () => {
    sandbox = await startSandbox()
    expect(sandbox.wsUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/ws$/)
    expect(sandbox.httpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(sandbox.authUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(sandbox.authUrl).not.toBe(sandbox.httpUrl)
    expect(sandbox.options).toMatchObject({
      host: '127.0.0.1',
      generation: 'beta-17',
      faults: [],
      triage: 'insufficient',
      environment: 'development',
      stepDelayMs: 40
    })
    expect(sandbox.options.port).toBe(Number(new URL(sandbox.httpUrl).port))
    expect(sandbox.jwtSecret.length).toBeGreaterThan(20)
    expect(sandbox.simulationKey.length).toBeGreaterThan(20)
  })

  it('answers /health {"status":"ok"} and 404 JSON for unknown paths', async () => {
    sandbox = await startSandbox()
    expect(await getJson(`${sandbox.httpUrl}/health`)).toEqual({ status: 200, body: { status: 'ok' } })
    const missing = await getJson(`${sandbox.httpUrl}/nope`)
    expect(missing.status).toBe(404)
    expect(missing.body.detail).toBe('Not Found')
  })

  it('answers the older /health shape for beta-10 and component-codes', async () => {
    sandbox = await startSandbox({ generation: 'beta-10' })
    const old = await getJson(`${sandbox.httpUrl}/health`)
    expect(old.status).toBe(200)
    expect(old.body).toMatchObject({
      status: 'healthy',
      service: 'netra-ai-platform',
      version: expect.any(String),
      timestamp: expect.any(String)
    })
    sandbox.configure({ generation: 'component-codes' })
    const rich = await getJson(`${sandbox.httpUrl}/health`)
    expect(rich.body.checks).toEqual({
      postgres: true,
      clickhouse: true,
      redis: true,
      websocket: true,
      llm: true
    })
  })

  it('stop() closes clients with 1000 "main cleanup", frees the port and is idempotent', async () => {
    sandbox = await startSandbox({ stepDelayMs: 0 })
    const port = sandbox.options.port
    const authPort = sandbox.options.authPort
    const client = await openClient(`${sandbox.wsUrl}?token=${await sandbox.mintToken()}`)
    await client.waitFor((frame) => frame.type === 'connection_established')
    const stopping = sandbox.stop()
    expect(sandbox.stop()).toBe(stopping)
    await stopping
    expect(await client.closed).toMatchObject({ code: 1000, reason: 'main cleanup', wasClean: true })
    expect(await canListen(port)).toBe(true)
    expect(await canListen(authPort)).toBe(true)
    await expect(fetch(`${sandbox.httpUrl}/health`)).rejects.toThrow()
    sandbox = null
  })

  it('restarts on a fixed port after stop', async () => {
    const first = await startSandbox()
    const port = first.options.port
    await first.stop()
    sandbox = await startSandbox({ port })
    expect(sandbox.options.port).toBe(port)
  })

  it('configure applies to new connections only', async () => {
    sandbox = await startSandbox({ stepDelayMs: 0 })
    const token = await sandbox.mintToken()
    const before = await openClient(`${sandbox.wsUrl}?token=${token}`)
    await before.waitFor((frame) => frame.type === 'connection_established')
    sandbox.configure({ faults: ['demo-mode'], triage: 'unknown' })
    expect(sandbox.options).toMatchObject({ faults: ['demo-mode'], triage: 'unknown' })
    before.send({ type: 'user_message', payload: { content: 'x' } })
    const beforeDone = await before.waitFor(
      (frame) => frame.type === 'agent_completed' && frame.agent_name === 'Supervisor'
    )
    expect(beforeDone.user_id).toBe('sandbox-user-001')
    expect(dig(beforeDone, 'data.result.agents_executed')).toEqual(['triage', 'data_helper', 'reporting'])
    const after = await openClient(`${sandbox.wsUrl}?token=${token}`)
    const hello = await after.waitFor((frame) => frame.type === 'connection_established')
    expect(dig(hello, 'data.user_id')).toBe('demo-user-001')
  })

  it('rejects unknown faults, generations and triage orders loudly', async () => {
    await expect(startSandbox({ faults: ['no-such-fault'] })).rejects.toThrow(/Unknown sandbox fault/)
    await expect(startSandbox({ generation: 'beta-99' as never })).rejects.toThrow(/generation/)
    sandbox = await startSandbox()
    expect(() => sandbox!.configure({ triage: 'maybe' as never })).toThrow(/triage/)
    expect(() => sandbox!.configure({ faults: ['slow-llm:abc'] })).toThrow(/parameter/)
  })

  it('documents every fault and generation', () => {
    const ids = SANDBOX_FAULTS.map((fault) => fault.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const fault of SANDBOX_FAULTS) {
      expect(fault.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
      expect(fault.title.length).toBeGreaterThan(3)
      expect(fault.description.length).toBeGreaterThan(20)
    }
    expect(SANDBOX_GENERATIONS.map((generation) => generation.id)).toEqual([
      'beta-10',
      'component-codes',
      'beta-17',
      'handshake'
    ])
  })
})
