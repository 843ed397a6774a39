import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MemoryKeychain } from '../credentials/memory-keychain'
import { startHarness, type Harness } from './testing/backend-harness'

let harness: Harness
beforeEach(() => {
  harness = startHarness(new MemoryKeychain())
})
afterEach(async () => {
  await harness.backend.dispose()
})

describe('environments.* through the backend', () => {
  it('saves, lists, resets and removes, pushing environments.changed each time', async () => {
    const { environment } = await harness.call('environments.save', { name: 'Customer X', wsUrl: 'wss://api-staging.netrasystems.ai/ws' })
    expect(environment).toMatchObject({ id: 'customer-x', kind: 'staging', builtIn: false })
    await harness.call('environments.save', { id: 'production', retries: { attempts: 2, delayMs: 500 } })
    const listed = await harness.call('environments.list', {})
    expect(listed.environments.map((entry) => entry.id)).toEqual(['sandbox', 'local', 'staging', 'production', 'customer-x'])
    expect(listed.environments.find((entry) => entry.id === 'production')).toMatchObject({ customized: true, retries: { attempts: 2 } })
    expect(listed.loadError).toBeUndefined()
    await harness.call('environments.reset', { id: 'production' })
    await harness.call('environments.remove', { id: 'customer-x' })
    const changes = harness.pushes.filter((push) => push.event === 'environments.changed')
    expect(changes).toHaveLength(4)
    expect((changes[3].payload as { environments: unknown[] }).environments).toHaveLength(4)
  })

  it('validates URLs and ids with the schema message', async () => {
    await expect(harness.call('environments.save', { name: 'x', wsUrl: 'http://h/ws' })).rejects.toThrow(/wsUrl: WebSocket URL must start with ws:\/\/ or wss:\/\//)
    await expect(harness.call('environments.save', { name: 'x', wsUrl: 'wss://h/ws', httpBase: 'ftp://h' })).rejects.toThrow(/httpBase: HTTP URL must start with http/)
    await expect(harness.call('environments.save', { name: 'x', wsUrl: 'wss://h/ws?token=abc123' })).rejects.toThrow(/store the token as a credential/)
    await expect(harness.call('environments.save', { id: 'Bad Id', name: 'x', wsUrl: 'wss://h/ws' })).rejects.toThrow(/environment id must be/)
    await expect(harness.call('environments.save', { name: 'x', wsUrl: 'wss://h/ws', retries: { attempts: 0, delayMs: 1 } })).rejects.toThrow(/at least 1/)
  })

  it('refuses to remove an environment that still has credentials', async () => {
    await harness.call('environments.save', { id: 'keep', name: 'Keep', wsUrl: 'ws://localhost:9/ws' })
    await harness.call('credentials.add', { environmentId: 'keep', label: 'r', kind: 'refresh-token', secret: 'refresh-token-1234' })
    await expect(harness.call('environments.remove', { id: 'keep' })).rejects.toThrow(/still has 1 credential\(s\) \(r\); remove them first/)
  })

  it('classifies pasted URLs', async () => {
    expect(await harness.call('environments.classify', { url: 'wss://api.netrasystems.ai/websocket' })).toMatchObject({ kind: 'production', knownHost: true })
    expect(await harness.call('environments.classify', { url: 'localhost:8000/ws' })).toMatchObject({ kind: 'local', host: 'localhost' })
  })

  it('reports a corrupt environments.json once, and keeps it', async () => {
    const { writeFileSync, readdirSync } = await import('node:fs')
    const { join } = await import('node:path')
    writeFileSync(join(harness.dataDir, 'environments.json'), 'not json')
    const listed = await harness.call('environments.list', {})
    expect(listed.environments).toHaveLength(4)
    expect(listed.loadError).toMatch(/environments\.json was unusable/)
    expect(readdirSync(harness.dataDir).some((name) => name.startsWith('environments.json.corrupt-'))).toBe(true)
  })
})

describe('environment settings reach the session', () => {
  it("offers the environment's subprotocol style unless the request overrides it", async () => {
    await harness.call('environments.save', { id: 'sandbox', subprotocolStyle: 'jwt-auth-legacy' })
    const { sessionId } = await harness.call('session.connect', { environmentId: 'sandbox' })
    await harness.until(() => harness.model(sessionId).handshake !== null)
    expect(harness.model(sessionId).handshake?.subprotocolsOffered).toEqual(['jwt-auth', 'jwt.«redacted»'])
    const override = await harness.call('session.connect', { environmentId: 'sandbox', subprotocolStyle: 'jwt' })
    await harness.until(() => harness.model(override.sessionId).handshake !== null)
    expect(harness.model(override.sessionId).handshake?.subprotocolsOffered).toEqual(['jwt.«redacted»'])
  })
})
