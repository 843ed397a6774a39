import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { WebSocketServer } from 'ws'
import { ContractError } from '../../shared/api/contract'
import { MemoryKeychain } from '../credentials/memory-keychain'
import { startSandbox, type Sandbox } from '../sandbox'
import { startHarness, type Harness } from './testing/backend-harness'

/** A loopback server that only counts: every HTTP request and every upgrade that reaches it, and what they carried. */
type CountingServer = { wsUrl: string; httpBase: string; host: string; requests: IncomingMessage[]; upgrades: IncomingMessage[]; stop(): Promise<void> }

async function countingServer(): Promise<CountingServer> {
  const requests: IncomingMessage[] = []
  const upgrades: IncomingMessage[] = []
  const wss = new WebSocketServer({ noServer: true })
  wss.on('error', () => undefined)
  const server: Server = createServer((request, response) => {
    requests.push(request)
    request.resume()
    response.writeHead(200, { 'content-type': 'application/json' })
    response.end(JSON.stringify({ ticket_id: 'tk-counted', expires_at: null }))
  })
  server.on('upgrade', (request, socket, head) => {
    upgrades.push(request)
    socket.on('error', () => undefined)
    wss.handleUpgrade(request, socket, head, (client) => {
      client.on('error', () => undefined)
      client.close(1000, 'counted')
    })
  })
  server.on('error', () => undefined)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    httpBase: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    upgrades,
    stop: () =>
      new Promise((resolve) => {
        for (const client of wss.clients) client.terminate()
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

const METHODS = ['subprotocol', 'header', 'ticket', 'query'] as const

let sandbox: Sandbox
let foreign: CountingServer
let harness: Harness
let credentialId: string

beforeEach(async () => {
  sandbox = await startSandbox({ stepDelayMs: 1 })
  foreign = await countingServer()
  harness = startHarness(new MemoryKeychain())
  await harness.call('environments.save', { id: 'lab', name: 'Lab', wsUrl: sandbox.wsUrl, httpBase: sandbox.httpUrl, authBase: sandbox.authUrl })
  const token = await sandbox.mintToken({ sub: 'alice' })
  ;({
    credential: { id: credentialId }
  } = await harness.call('credentials.add', { environmentId: 'lab', label: 'alice', kind: 'access-token', secret: token }))
})
afterEach(async () => {
  await harness.backend.dispose()
  await foreign.stop()
  await sandbox.stop()
})

async function refusal(promise: Promise<unknown>): Promise<ContractError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught
  )
  expect(error).toBeInstanceOf(ContractError)
  return error as ContractError
}

describe('a stored credential is bound to its environment’s hosts', () => {
  it.each(METHODS)('refuses to send it to another host with %s auth: a clear error naming both hosts, and nothing reaches that host', async (authMethod) => {
    const target = { wsUrl: foreign.wsUrl, httpBase: foreign.httpBase, authBase: null }
    const error = await refusal(harness.call('session.connect', { environmentId: 'lab', credentialId, authMethod, target }))
    expect(error.code).toBe('foreign-host')
    expect(error.message).toContain(`"${foreign.host}"`)
    expect(error.message).toContain(new URL(sandbox.wsUrl).host)
    expect(error.message).toMatch(/lab\/alice/)
    expect(error.message).toMatch(/nothing was sent/)

    // A configured environment on the foreign host is refused the same way; so is a stale "yes" for another host.
    await harness.call('environments.save', { id: 'elsewhere', name: 'Elsewhere', wsUrl: foreign.wsUrl, httpBase: foreign.httpBase, authBase: null })
    expect((await refusal(harness.call('session.connect', { environmentId: 'elsewhere', credentialId, authMethod }))).code).toBe('foreign-host')
    const stale = await refusal(harness.call('session.connect', { environmentId: 'elsewhere', credentialId, authMethod, allowForeignHost: 'evil.example.com' }))
    expect(stale.message).toMatch(/confirmation given was for "evil\.example\.com"/)

    await new Promise((resolve) => setTimeout(resolve, 100))
    expect({ upgrades: foreign.upgrades.length, requests: foreign.requests.length }).toEqual({ upgrades: 0, requests: 0 })
    expect(harness.pushes.filter((push) => push.event === 'session.records')).toEqual([])
  })

  it.each(METHODS)('sends it with %s auth once this use confirms exactly that host', async (authMethod) => {
    const target = { wsUrl: foreign.wsUrl, httpBase: foreign.httpBase, authBase: null }
    const { sessionId } = await harness.call('session.connect', { environmentId: 'lab', credentialId, authMethod, target, allowForeignHost: foreign.host })
    await harness.until(() => harness.model(sessionId).state === 'closed')
    expect(foreign.upgrades).toHaveLength(1)
    // Only the ticket request carries the token over HTTP (the preflight's health probes carry nothing).
    const carrying = foreign.requests.filter((request) => request.headers.authorization)
    expect(carrying.map((request) => request.url)).toEqual(authMethod === 'ticket' ? ['/api/websocket/ticket'] : [])
  })

  it('uses it on its own hosts without asking (every method), and a sandbox credential on the running sandbox', async () => {
    for (const authMethod of METHODS) {
      const { sessionId } = await harness.call('session.connect', { environmentId: 'lab', credentialId, authMethod })
      await harness.until(() => harness.model(sessionId).state === 'open')
      await harness.call('session.disconnect', { sessionId })
      await harness.until(() => harness.model(sessionId).state === 'closed')
    }
    const { credential } = await harness.call('credentials.add', { environmentId: 'sandbox', label: 'own', kind: 'access-token', secret: await sandbox.mintToken({ sub: 'bob' }) })
    const own = await harness.call('session.connect', { environmentId: 'sandbox', credentialId: credential.id })
    await harness.until(() => harness.model(own.sessionId).handshake !== null)
    // The lab's credential on the embedded sandbox (another loopback port) is foreign.
    expect((await refusal(harness.call('session.connect', { environmentId: 'sandbox', credentialId }))).code).toBe('foreign-host')
  })

  it('refuses to mint with a simulation key at another environment’s auth service', async () => {
    const { credential: key } = await harness.call('credentials.add', { environmentId: 'lab', label: 'key', kind: 'e2e-simulation-key', secret: sandbox.simulationKey })
    await harness.call('environments.save', { id: 'elsewhere', name: 'Elsewhere', wsUrl: foreign.wsUrl, httpBase: foreign.httpBase, authBase: foreign.httpBase })
    const error = await refusal(harness.call('credentials.mint-e2e', { environmentId: 'elsewhere', simulationKeyCredentialId: key.id, email: 'qa@netrasystems.ai' }))
    expect(error.message).toMatch(/lab\/key.*nothing was sent/)
    expect(foreign.requests).toHaveLength(0)
  })
})
