import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { realTestKeychain } from '../../main/credentials/testing/real-test-keychain'
import { runCli } from './testing/run-cli'
import { runCliInProcess } from './testing/run-cli-in-process'
import { testTempDir } from '../../main/testing/temp-dir'

const real = await realTestKeychain()
// The CLI uses the app's own keychain service, so it only runs against the throwaway keyring.
const throwawayKeyring = real.available && process.env.NETRA_TEST_KEYRING === '1'
const NO_BUS = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/netra-test-bus', DISPLAY: '' }

const token = await new SignJWT({ sub: 'cli-user', email: 'cli@example.com', env: 'staging' })
  .setProtectedHeader({ alg: 'HS256' })
  .setExpirationTime('2h')
  .sign(new TextEncoder().encode('cli-test-key'))

describe('netra-diag credentials: argv never carries a secret', () => {
  it('refuses --secret and --token with the reason, and explains why --memory is meaningless', async () => {
    const dir = testTempDir('netra-cli-cred-')
    for (const flag of ['--secret', '--token']) {
      const result = await runCliInProcess(['credentials', 'add', '--env', 'staging', '--label', 'x', '--kind', 'access-token', flag, token], dir)
      expect(result.code).toBe(2)
      expect(result.stderr).toMatch(/never pass a secret on the command line .*pipe it on stdin/i)
      expect(result.stderr).not.toContain(token)
    }
    const memory = await runCliInProcess(['credentials', 'add', '--env', 'staging', '--label', 'x', '--kind', 'access-token', '--memory'], dir, { stdin: token })
    expect(memory).toMatchObject({ code: 2, stderr: expect.stringMatching(/--memory is meaningless for the CLI: .*exits right after storing/) })
    const extra = await runCliInProcess(['credentials', 'add', '--env', 'staging', '--label', 'x', '--kind', 'access-token', token], dir)
    expect(extra.code).toBe(2)
  })

  it('without a keychain: one line with the cause and the fix, exit 1, nothing written', async () => {
    // A child process: the keychain library binds to the session bus once per process, so no D-Bus must be a process of its own.
    const dir = testTempDir('netra-cli-cred-')
    const result = await runCli(['credentials', 'add', '--env', 'staging', '--label', 'x', '--kind', 'access-token'], dir, { stdin: `${token}\n`, env: NO_BUS })
    expect(result.code).toBe(1)
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
    expect(result.stderr).toMatch(/^netra-diag: keychain unavailable: no D-Bus session bus .*Fix: .*dbus-run-session/)
    const listed = await runCli(['credentials', 'list', '--json'], dir, { env: NO_BUS })
    expect(JSON.parse(listed.stdout)).toMatchObject({ credentials: [], keychain: { available: false, reason: 'no-dbus-session' } })
  })

  it('rejects a malformed token and an empty stdin as usage errors', async () => {
    const dir = testTempDir('netra-cli-cred-')
    const empty = await runCliInProcess(['credentials', 'add', '--env', 'staging', '--label', 'x', '--kind', 'access-token'], dir, { stdin: '' })
    expect(empty).toMatchObject({ code: 2, stderr: expect.stringMatching(/no secret given/i) })
  })
})

describe(`netra-diag credentials with the real keychain${throwawayKeyring ? '' : ' — SKIPPED: needs scripts/with-test-keyring.sh (the CLI writes to the app\'s own keychain service)'}`, () => {
  it.skipIf(!throwawayKeyring)('adds from stdin, lists without the secret (--json too), removes by env/label', async () => {
    const dir = testTempDir('netra-cli-cred-')
    const added = await runCliInProcess(['credentials', 'add', '--env', 'staging', '--label', 'cli', '--kind', 'access-token'], dir, { stdin: `${token}\n` })
    expect(added).toMatchObject({ code: 0, stdout: expect.stringMatching(/^stored staging\/cli \(c-[0-9a-f]+\) in the OS keychain {2}expires /) })
    const text = await runCliInProcess(['credentials', 'list'], dir)
    expect(text.stdout).toMatch(/staging\/cli {2}access-token {2}cli-user · cli@example\.com · env staging {2}expires/)
    const json = await runCliInProcess(['credentials', 'list', '--json', '--env', 'staging'], dir)
    expect(JSON.parse(json.stdout)).toMatchObject({ credentials: [{ label: 'cli', storage: 'keychain', claims: { sub: 'cli-user' } }], keychain: { available: true } })
    for (const output of [added.stdout, text.stdout, json.stdout, readFileSync(join(dir, 'credentials.json'), 'utf8')]) expect(output).not.toContain(token.split('.')[2])
    expect((await runCliInProcess(['credentials', 'remove', 'staging/cli'], dir)).stdout).toBe('removed staging/cli\n')
    expect(JSON.parse((await runCliInProcess(['credentials', 'list', '--json'], dir)).stdout).credentials).toEqual([])
  }, 60_000)
})
