import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MemoryKeychain } from '../credentials/memory-keychain'
import { startSandbox, type Sandbox } from '../sandbox'
import { startHarness, type Harness } from './testing/backend-harness'

const SIMULATION_KEY = 'test-simulation-key-0123456789'
let sandbox: Sandbox
let harness: Harness

beforeEach(async () => {
  sandbox = await startSandbox({ stepDelayMs: 1, simulationKey: SIMULATION_KEY })
  harness = startHarness(new MemoryKeychain())
})
afterEach(async () => {
  await harness.backend.dispose()
  await sandbox.stop()
})

/** A custom environment pointing at the test's own sandbox (detected as local). */
async function sandboxEnvironment(id = 'lab'): Promise<string> {
  const { environment } = await harness.call('environments.save', { id, name: 'Lab', wsUrl: sandbox.wsUrl, httpBase: sandbox.httpUrl, authBase: sandbox.authUrl })
  expect(environment.kind).toBe('local')
  return environment.id
}

describe('credentials.* through the backend', () => {
  it('adds a simulation key, mints a session-only E2E token with it, and connects with that token', async () => {
    const environmentId = await sandboxEnvironment()
    const { credential: key } = await harness.call('credentials.add', { environmentId, label: 'qa key', kind: 'e2e-simulation-key', secret: SIMULATION_KEY })
    expect(key).toMatchObject({ kind: 'e2e-simulation-key', claims: null, expiry: 'none' })
    const { credential } = await harness.call('credentials.mint-e2e', { environmentId, simulationKeyCredentialId: key.id, email: 'qa@netrasystems.ai' })
    expect(credential).toMatchObject({ kind: 'access-token', storage: 'memory', environmentId, expiry: 'valid', claims: { sub: 'e2e-qa', email: 'qa@netrasystems.ai', env: 'development' } })
    expect((credential.expiresAt as number) - Date.now()).toBeGreaterThan(800_000)
    expect(credential.label).toMatch(/^e2e qa@netrasystems\.ai \d\d:\d\d:\d\d$/)

    const { sessionId } = await harness.call('session.connect', { environmentId, credentialId: credential.id })
    await harness.until(() => harness.model(sessionId).state === 'open')
    await harness.call('session.disconnect', { sessionId })
    await harness.until(() => harness.model(sessionId).state === 'closed')

    const changes = harness.pushes.filter((push) => push.event === 'credentials.changed')
    expect(changes.length).toBe(2)
    const listed = await harness.call('credentials.list', {})
    expect(listed.credentials.map((entry) => entry.label).sort()).toEqual([credential.label, 'qa key'].sort())
  })

  it('stores a minted token on request, under the label given', async () => {
    const environmentId = await sandboxEnvironment()
    const { credential: key } = await harness.call('credentials.add', { environmentId, label: 'key', kind: 'e2e-simulation-key', secret: SIMULATION_KEY })
    const { credential } = await harness.call('credentials.mint-e2e', { environmentId, simulationKeyCredentialId: key.id, email: 'a@b.io', store: true, label: 'kept' })
    expect(credential).toMatchObject({ label: 'kept', storage: 'keychain' })
  })

  it('explains refusals: a wrong key, a production environment, a production auth service, no auth URL', async () => {
    const environmentId = await sandboxEnvironment()
    const { credential: wrong } = await harness.call('credentials.add', { environmentId, label: 'wrong', kind: 'e2e-simulation-key', secret: 'not-the-right-key' })
    await expect(harness.call('credentials.mint-e2e', { environmentId, simulationKeyCredentialId: wrong.id, email: 'a@b.io' })).rejects.toThrow(
      /refused the simulation key "wrong" \(the auth service at .* answered HTTP 403: Invalid E2E bypass key\)/
    )
    // Built-in production: refused before any request leaves the machine.
    await expect(harness.call('credentials.mint-e2e', { environmentId: 'production', simulationKeyCredentialId: wrong.id, email: 'a@b.io' })).rejects.toThrow(
      /E2E token minting is disabled in production/
    )
    // A server that runs as production answers 403 itself.
    const production = await startSandbox({ environment: 'production', simulationKey: SIMULATION_KEY })
    try {
      await harness.call('environments.save', { id: 'prod-like', name: 'Prod-like', wsUrl: production.wsUrl, authBase: production.authUrl })
      const { credential: key } = await harness.call('credentials.add', { environmentId: 'prod-like', label: 'key', kind: 'e2e-simulation-key', secret: SIMULATION_KEY })
      await expect(harness.call('credentials.mint-e2e', { environmentId: 'prod-like', simulationKeyCredentialId: key.id, email: 'a@b.io' })).rejects.toThrow(
        /disabled in production .*HTTP 403/
      )
    } finally {
      await production.stop()
    }
    await harness.call('environments.save', { id: 'no-auth', name: 'No auth', wsUrl: sandbox.wsUrl })
    await expect(harness.call('credentials.mint-e2e', { environmentId: 'no-auth', simulationKeyCredentialId: wrong.id, email: 'a@b.io' })).rejects.toThrow(/has no auth service URL/)
  })

  it('mints against the built-in sandbox (started on demand; adding a credential does not start it)', async () => {
    // The built-in sandbox has its own random key: a wrong key proves the call reached its auth service.
    const { credential: key } = await harness.call('credentials.add', { environmentId: 'sandbox', label: 'k', kind: 'e2e-simulation-key', secret: 'some-other-key-123' })
    expect((await harness.call('sandbox.status', {})).running).toBe(false)
    await expect(harness.call('credentials.mint-e2e', { environmentId: 'sandbox', simulationKeyCredentialId: key.id, email: 'a@b.io' })).rejects.toThrow(/HTTP 403/)
    expect((await harness.call('sandbox.status', {})).running).toBe(true)
  })

  it('connects with a stored access token by credentialId, against a custom environment and the built-in sandbox', async () => {
    const environmentId = await sandboxEnvironment()
    const token = await sandbox.mintToken({ sub: 'stored-user' })
    const { credential } = await harness.call('credentials.add', { environmentId, label: 'stored', kind: 'access-token', secret: token })
    const { sessionId } = await harness.call('session.connect', { environmentId, credentialId: credential.id, authMethod: 'header' })
    await harness.until(() => harness.model(sessionId).state === 'open')
    expect(harness.model(sessionId).handshake?.requestHeaders).toMatchObject({ Authorization: 'Bearer «redacted»' })
    // The built-in sandbox is another host (its own port): the credential goes there only when this use confirms it.
    await expect(harness.call('session.connect', { environmentId: 'sandbox', credentialId: credential.id })).rejects.toThrow(/nothing was sent/)
    const sandboxHost = new URL((await harness.call('sandbox.status', {})).wsUrl as string).host
    // It signs with another secret, so it refuses this token: the credential was used, not a minted one.
    const refused = await harness.call('session.connect', { environmentId: 'sandbox', credentialId: credential.id, allowForeignHost: sandboxHost })
    await harness.until(() => harness.model(refused.sessionId).state === 'closed')
    expect(harness.model(refused.sessionId).handshake?.status).toBe(403)
  })

  it('rejects unknown credentials and environments, and wrong kinds, with clear errors', async () => {
    await expect(harness.call('session.connect', { environmentId: 'local', credentialId: 'c-nope' })).rejects.toThrow(/no credential with id c-nope/)
    await expect(harness.call('credentials.add', { environmentId: 'mars', label: 'x', kind: 'refresh-token', secret: 'refresh-token-1234' })).rejects.toThrow(/no environment with id mars/)
    await expect(harness.call('credentials.add', { environmentId: 'local', label: 'a/b', kind: 'refresh-token', secret: 'refresh-token-1234' })).rejects.toThrow(/must not contain "\/"/)
    await expect(harness.call('credentials.add', { environmentId: 'local', label: 'short', kind: 'refresh-token', secret: 'abc' })).rejects.toThrow(/shorter than 8/)
    const { credential } = await harness.call('credentials.add', { environmentId: 'local', label: 'r', kind: 'refresh-token', secret: 'refresh-token-1234' })
    await expect(harness.call('session.connect', { environmentId: 'local', credentialId: credential.id })).rejects.toThrow(/needs an access-token credential/)
    await expect(harness.call('credentials.mint-e2e', { environmentId: 'local', simulationKeyCredentialId: credential.id, email: 'a@b.io' })).rejects.toThrow(/not an e2e-simulation-key/)
    await expect(harness.call('credentials.mint-e2e', { environmentId: 'local', simulationKeyCredentialId: credential.id, email: 'nope' })).rejects.toThrow(/email/)
  })

  it('renames and removes, pushing credentials.changed each time', async () => {
    const { credential } = await harness.call('credentials.add', { environmentId: 'local', label: 'one', kind: 'refresh-token', secret: 'refresh-token-1234' })
    expect((await harness.call('credentials.rename', { id: credential.id, label: 'two' })).credential.label).toBe('two')
    await harness.call('credentials.remove', { id: credential.id })
    expect((await harness.call('credentials.list', {})).credentials).toEqual([])
    expect(harness.pushes.filter((push) => push.event === 'credentials.changed')).toHaveLength(3)
    await expect(harness.call('credentials.remove', { id: credential.id })).rejects.toThrow(/no credential/)
  })
})
