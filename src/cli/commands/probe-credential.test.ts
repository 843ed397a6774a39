import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { realTestKeychain } from '../../main/credentials/testing/real-test-keychain'
import { runCliInProcess as runCli } from './testing/run-cli-in-process'

const real = await realTestKeychain()
// The CLI uses the app's own keychain service, so it only runs against the throwaway keyring.
const throwawayKeyring = real.available && process.env.NETRA_TEST_KEYRING === '1'

/** A loopback host that counts every upgrade and request reaching it, and refuses them all. */
let server: Server
const reached: IncomingMessage[] = []
let host: string
beforeAll(async () => {
  server = createServer((request, response) => {
    reached.push(request)
    response.writeHead(404).end()
  })
  server.on('upgrade', (request, socket) => {
    reached.push(request)
    socket.on('error', () => undefined)
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n')
  })
  server.on('error', () => undefined)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

describe(`probe --credential is bound to the credential's hosts${throwawayKeyring ? '' : ' — SKIPPED: needs scripts/with-test-keyring.sh (the CLI writes to the app\'s own keychain service)'}`, () => {
  it.skipIf(!throwawayKeyring)('refuses a staging credential for another host (exit 2, both hosts named, nothing sent) unless --allow-foreign-host names that host', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netra-cli-foreign-'))
    try {
      const token = await new SignJWT({ sub: 'alice', env: 'staging' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('2h').sign(new TextEncoder().encode('k'))
      expect((await runCli(['credentials', 'add', '--env', 'staging', '--label', 'alice', '--kind', 'access-token'], dir, { stdin: `${token}\n` })).code).toBe(0)
      const [{ id }] = JSON.parse((await runCli(['credentials', 'list', '--json'], dir)).stdout).credentials as Array<{ id: string }>
      const probe = (...extra: string[]) => runCli(['probe', '--url', `ws://${host}/ws`, '--auth', 'header', '--credential', id, '--timeout', '5', '--json', ...extra], dir)

      for (const extra of [[], ['--allow-foreign-host', 'evil.example.com']]) {
        const refused = await probe(...extra)
        expect(refused.code).toBe(2)
        expect(refused.stderr).toContain(`"staging/alice" belongs to environment Staging (api.staging.netrasystems.ai, auth.staging.netrasystems.ai) and would be sent to "${host}"; nothing was sent.`)
        expect(refused.stderr).toContain(`--allow-foreign-host ${host}`)
        expect(refused.stderr).not.toContain(token)
      }
      expect(reached).toHaveLength(0)

      const allowed = await probe('--allow-foreign-host', host)
      expect(allowed.code).toBe(3)
      const upgrade = reached.find((request) => request.headers.upgrade === 'websocket')
      expect(upgrade?.headers.authorization).toBe(`Bearer ${token}`)
      expect(allowed.stdout).not.toContain(token)
    } finally {
      await runCli(['credentials', 'remove', 'staging/alice'], dir)
      rmSync(dir, { recursive: true, force: true })
    }
  }, 120_000)
})
