import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { classifyKeychainError, KeychainError } from './keychain-error'
import { probeKeychain } from './keychain-probe'
import { createKeytarKeychain, type KeytarLike } from './keytar-keychain'
import { realTestKeychain } from './testing/real-test-keychain'

const real = await realTestKeychain()

describe('createKeytarKeychain: failures become a cause and a fix', () => {
  it('time-boxes a keychain that never answers', async () => {
    const never = new Promise<never>(() => {})
    const hanging: KeytarLike = { getPassword: () => never, setPassword: () => never, deletePassword: () => never }
    const keychain = createKeytarKeychain({ service: 'x', timeoutMs: 60, load: async () => hanging })
    const started = Date.now()
    const error = await keychain.get('env/label').catch((caught: unknown) => caught)
    expect(Date.now() - started).toBeLessThan(1000)
    expect(error).toBeInstanceOf(KeychainError)
    expect(error).toMatchObject({ reason: 'timeout', cause: expect.stringMatching(/did not answer within 0\.1 s while reading a secret/) })
    expect(await probeKeychain(keychain)).toMatchObject({ available: false, error: { reason: 'timeout' } })
  })

  it('time-boxes a load of keytar that hangs, and reports a load failure as "keytar not built"', async () => {
    const slow = createKeytarKeychain({ timeoutMs: 60, load: () => new Promise<never>(() => {}) })
    await expect(slow.set('a/b', 'secret-value')).rejects.toMatchObject({ reason: 'timeout' })
    const broken = createKeytarKeychain({ load: async () => Promise.reject(new Error("Cannot find module 'keytar'")) })
    const error = (await broken.get('a/b').catch((caught: unknown) => caught)) as KeychainError
    expect(error.reason).toBe('keytar-not-built')
    expect(error.message).toMatch(/keychain unavailable: keytar not built.*Fix: .*npm rebuild keytar/)
  })

  it('classifies the real error of keytar without a D-Bus session as "no D-Bus session"', async () => {
    // A child process: libsecret caches its bus connection, so this process cannot lose its bus.
    const script = "require('keytar').getPassword('netra-diagnostics-test', 'x').then(() => console.log('ANSWERED'), (e) => console.log(e.message))"
    const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/netra-test-bus', DISPLAY: '' }
    const output = await new Promise<string>((resolve) =>
      execFile(process.execPath, ['-e', script], { env, timeout: 10_000 }, (_error, stdout) => resolve(stdout.trim()))
    )
    expect(output).not.toBe('ANSWERED')
    expect(classifyKeychainError(new Error(output))).toMatchObject({ reason: 'no-dbus-session', fix: expect.stringMatching(/dbus-run-session/) })
  })
})

describe(`createKeytarKeychain against the real OS keychain${real.available ? '' : ` — SKIPPED: ${real.skipReason}`}`, () => {
  it.skipIf(!real.available)('stores, reads, overwrites and deletes a secret', async () => {
    const account = `test-env/label-${randomBytes(3).toString('hex')}`
    const secret = `s3cret-${randomBytes(12).toString('base64url')}-ünïcödé`
    expect(await real.keychain.get(account)).toBeNull()
    await real.keychain.set(account, secret)
    expect(await real.keychain.get(account)).toBe(secret)
    await real.keychain.set(account, `${secret}-2`)
    expect(await real.keychain.get(account)).toBe(`${secret}-2`)
    expect(await real.keychain.delete(account)).toBe(true)
    expect(await real.keychain.get(account)).toBeNull()
    expect(await real.keychain.delete(account)).toBe(false)
  })

  it.skipIf(!real.available)('keeps services apart', async () => {
    const other = createKeytarKeychain({ service: `${real.service}-other` })
    await real.keychain.set('env/same', 'value-of-first-service')
    try {
      expect(await other.get('env/same')).toBeNull()
    } finally {
      await real.keychain.delete('env/same')
    }
  })
})
