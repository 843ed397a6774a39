import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { SignJWT } from 'jose'
import { afterEach, describe, expect, it } from 'vitest'
import { ContractError } from '../../shared/api/contract'
import { SecretRedactor } from '../../shared/session-log/secret-redactor'
import { CredentialVault } from './credential-vault'
import { keychainAccount, type Keychain } from './keychain'
import { MemoryKeychain } from './memory-keychain'
import { realTestKeychain } from './testing/real-test-keychain'
import { testTempDir } from '../testing/temp-dir'

const real = await realTestKeychain()

async function jwt(claims: Record<string, unknown>, expiresIn: string | number = '1h'): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime(expiresIn).sign(new TextEncoder().encode('test-key'))
}

const dataDir = (): string => testTempDir('netra-vault-')

/** Every byte written under `dir`, for "the secret is not on disk" checks. */
function everythingUnder(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'))
    .join('\n')
}

/** A keychain that fails like a locked libsecret collection: reads say "nothing", writes throw. */
const lockedKeychain = (): Keychain => ({
  description: 'locked',
  get: async () => null,
  set: async () => Promise.reject(new Error('Cannot create an item in a locked collection')),
  delete: async () => false
})

const vaults: CredentialVault[] = []
function vault(keychain: Keychain, dir: string | null = dataDir(), redactor = new SecretRedactor()): CredentialVault {
  const created = new CredentialVault({ dataDir: dir, keychain, redactor })
  vaults.push(created)
  return created
}

afterEach(async () => {
  // Keychain entries made by a test must not outlive it, even when it failed half-way.
  for (const created of vaults.splice(0)) {
    for (const credential of (await created.list()).credentials) await created.remove(credential.id).catch(() => undefined)
    created.dispose()
  }
})

describe(`CredentialVault with the real OS keychain${real.available ? '' : ` — SKIPPED: ${real.skipReason}`}`, () => {
  it.skipIf(!real.available)('keeps the secret in the keychain under <env>/<label> and only metadata on disk', async () => {
    const dir = dataDir()
    const redactor = new SecretRedactor()
    const store = vault(real.keychain, dir, redactor)
    const token = await jwt({ sub: 'user-7', email: 'u7@example.com', env: 'staging' })
    const credential = await store.add({ environmentId: 'staging', label: 'customer A', kind: 'access-token', secret: `  ${token}\n` })
    expect(credential).toMatchObject({ label: 'customer A', storage: 'keychain', expiry: 'valid', claims: { sub: 'user-7', email: 'u7@example.com', env: 'staging' } })
    expect(await real.keychain.get(keychainAccount('staging', 'customer A'))).toBe(token)
    expect(everythingUnder(dir)).not.toContain(token.split('.')[2])
    expect(JSON.parse(readFileSync(join(dir, 'credentials.json'), 'utf8')).credentials[0]).not.toHaveProperty('secret')
    expect(redactor.redact(`Bearer ${token}`)).toBe('Bearer «redacted»')
    // A second vault (another host) sees it and can use it.
    const other = new CredentialVault({ dataDir: dir, keychain: real.keychain, redactor: new SecretRedactor() })
    expect((await other.accessTokenFor(credential.id)).token).toBe(token)
  })

  it.skipIf(!real.available)('rename moves the keychain entry; remove deletes it', async () => {
    const store = vault(real.keychain)
    const secret = `sim-key-${'x'.repeat(20)}`
    const credential = await store.add({ environmentId: 'local', label: 'old', kind: 'e2e-simulation-key', secret })
    const renamed = await store.rename(credential.id, 'new')
    expect(renamed).toMatchObject({ id: credential.id, label: 'new', claims: null, expiry: 'none' })
    expect(await real.keychain.get(keychainAccount('local', 'old'))).toBeNull()
    expect(await real.keychain.get(keychainAccount('local', 'new'))).toBe(secret)
    await store.remove(credential.id)
    expect(await real.keychain.get(keychainAccount('local', 'new'))).toBeNull()
    expect((await store.list()).credentials).toEqual([])
  })

  it.skipIf(!real.available)('reports a secret removed outside the app, instead of connecting without it', async () => {
    const store = vault(real.keychain)
    const credential = await store.add({ environmentId: 'local', label: 'gone', kind: 'refresh-token', secret: 'opaque-refresh-token-123' })
    await real.keychain.delete(keychainAccount('local', 'gone'))
    await expect(store.secretOf(credential.id)).rejects.toThrow(/not in the keychain any more/)
  })
})

describe('CredentialVault when the keychain is unavailable', () => {
  it('says why, refuses to store, and stores in memory once the user opts in', async () => {
    const dir = dataDir()
    const store = vault(lockedKeychain(), dir)
    const { keychain } = await store.list()
    expect(keychain).toMatchObject({ available: false, reason: 'locked', memoryFallback: false, cause: expect.stringMatching(/locked/), fix: expect.stringMatching(/unlock/) })
    const secret = await jwt({ sub: 'x' })
    const refusal = await store.add({ environmentId: 'staging', label: 'a', kind: 'access-token', secret }).catch((error: unknown) => error)
    expect(refusal).toBeInstanceOf(ContractError)
    expect(refusal).toMatchObject({ code: 'keychain-unavailable', message: expect.stringMatching(/keychain unavailable: the keyring is locked.*Fix: .*memory/) })
    expect((refusal as Error).message).not.toContain(secret)

    expect(await store.setMemoryFallback(true)).toMatchObject({ available: false, memoryFallback: true })
    const credential = await store.add({ environmentId: 'staging', label: 'a', kind: 'access-token', secret })
    expect(credential.storage).toBe('memory')
    expect((await store.accessTokenFor(credential.id)).token).toBe(secret)
    expect(everythingUnder(dir)).not.toContain(secret.split('.')[2])
  })

  it('reading a credential from a locked keyring names the lock, not a missing entry', async () => {
    const dir = dataDir()
    const unlocked = new MemoryKeychain()
    const first = vault(unlocked, dir)
    const credential = await first.add({ environmentId: 'staging', label: 'k', kind: 'e2e-simulation-key', secret: 'simulation-key-abc' })
    const second = vault(lockedKeychain(), dir)
    await expect(second.secretOf(credential.id)).rejects.toMatchObject({ code: 'keychain-unavailable', message: expect.stringMatching(/locked/) })
  })
})

describe('CredentialVault rules', () => {
  it('requires an access token to be a JWT, without quoting the secret', async () => {
    const store = vault(new MemoryKeychain())
    const error = await store.add({ environmentId: 'local', label: 'bad', kind: 'access-token', secret: 'not-a-jwt-at-all' }).catch((caught: unknown) => caught)
    expect(error).toMatchObject({ code: 'invalid-request', message: expect.stringMatching(/must be a JWT/) })
    expect((error as Error).message).not.toContain('not-a-jwt-at-all')
  })

  it('refuses a duplicate label per environment, allows it in another', async () => {
    const store = vault(new MemoryKeychain())
    await store.add({ environmentId: 'local', label: 'same', kind: 'refresh-token', secret: 'refresh-1234567' })
    await expect(store.add({ environmentId: 'local', label: 'same', kind: 'refresh-token', secret: 'refresh-7654321' })).rejects.toThrow(/already has a credential labelled "same"/)
    await store.add({ environmentId: 'staging', label: 'same', kind: 'refresh-token', secret: 'refresh-7654321' })
    expect(store.labelsOf('local')).toEqual(['same'])
  })

  it('reports expiry: valid, expiring soon, expired', async () => {
    const store = vault(new MemoryKeychain())
    const now = Math.floor(Date.now() / 1000)
    const soon = await store.add({ environmentId: 'local', label: 'soon', kind: 'access-token', secret: await jwt({ sub: 'a' }, now + 120) })
    const past = await store.add({ environmentId: 'local', label: 'past', kind: 'access-token', secret: await jwt({ sub: 'a' }, now - 10) })
    expect(soon.expiry).toBe('expiring-soon')
    expect(past.expiry).toBe('expired')
    expect(past.expiresAt).toBe((now - 10) * 1000)
  })

  it('refuses a session with a credential that is not an access token', async () => {
    const store = vault(new MemoryKeychain())
    const key = await store.add({ environmentId: 'local', label: 'key', kind: 'e2e-simulation-key', secret: 'simulation-key-xyz' })
    await expect(store.accessTokenFor(key.id)).rejects.toThrow(/needs an access-token credential/)
  })

  it('moves a corrupt credentials.json aside and says so', async () => {
    const dir = dataDir()
    writeFileSync(join(dir, 'credentials.json'), '{"version": 1, "credentials": [tru')
    const store = vault(new MemoryKeychain(), dir)
    const listed = await store.list()
    expect(listed.credentials).toEqual([])
    expect(listed.loadError).toMatch(/credentials\.json was unusable .*kept it as credentials\.json\.corrupt-/)
    expect(readdirSync(dir).some((name) => name.startsWith('credentials.json.corrupt-'))).toBe(true)
  })
})

describe('CredentialVault probing', () => {
  it('runs one keychain probe at a time, so concurrent lists agree the keychain works', async () => {
    const memory = new MemoryKeychain()
    let inFlight = 0
    let most = 0
    const slow: Keychain = {
      description: 'slow',
      get: async (account) => memory.get(account),
      set: async (account, secret) => {
        inFlight++
        most = Math.max(most, inFlight)
        await new Promise((resolve) => setTimeout(resolve, 20))
        inFlight--
        return memory.set(account, secret)
      },
      delete: async (account) => memory.delete(account)
    }
    const store = vault(slow)
    const results = await Promise.all([store.list(), store.list(), store.list()])
    expect(results.map((result) => result.keychain.available)).toEqual([true, true, true])
    expect(most).toBe(1)
  })
})
