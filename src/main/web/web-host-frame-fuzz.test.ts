import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WEB_API_PATH, WEB_TOKEN_PARAM } from '../../shared/api/web-wire'
import { hostileClientBytes } from './testing/frame-arbitraries'
import { awaitServerClose, rawUpgrade } from './testing/raw-ws-client'
import { spawnWebHost, type ChildWebHost } from './testing/spawn-web-host'
import { connectWellBehaved } from './testing/well-behaved-client'

/**
 * The frame fuzzer (issue 9): many raw clients write random and mutated frames at the web host
 * (in a child process) while a well-behaved client keeps calling. The host must stay up, never
 * drop the well-behaved client, and accept new clients afterwards. `npm run soak` runs it longer.
 */

const CLIENTS = Number(process.env.NETRA_FUZZ_CLIENTS ?? 1000)
const CONCURRENCY = 25
const SEED = Number(process.env.NETRA_FUZZ_SEED ?? Date.now() % 2 ** 31)

let host: ChildWebHost
beforeAll(async () => {
  host = await spawnWebHost()
}, 30_000)
afterAll(async () => {
  await host?.stop()
})

describe('web host: frame fuzzer (child process)', () => {
  it(`survives ${CLIENTS} hostile raw clients and keeps serving a well-behaved one`, async () => {
    const inputs = fc.sample(hostileClientBytes, { numRuns: CLIENTS, seed: SEED })
    const bystander = await connectWellBehaved(host.port, host.token)
    let bystanderClosed = false
    bystander.socket.on('close', () => (bystanderClosed = true))

    let answered = 0
    let stop = false
    const chatter = (async () => {
      while (!stop) {
        const reply = await bystander.appInfo()
        expect(reply).toMatchObject({ result: { name: 'netra-diagnostics' } })
        answered++
      }
    })()

    const closeCodes = new Map<string, number>()
    let frames = 0
    let bytes = 0
    for (let start = 0; start < inputs.length; start += CONCURRENCY) {
      await Promise.all(
        inputs.slice(start, start + CONCURRENCY).map(async (input) => {
          const connection = await rawUpgrade({
            port: host.port,
            path: `${WEB_API_PATH}?${WEB_TOKEN_PARAM}=${host.token}`,
            origin: `http://127.0.0.1:${host.port}`
          })
          expect(connection.status).toBe(101)
          frames += input.frames
          bytes += input.bytes.length
          connection.socket.end(input.bytes)
          const code = String(await awaitServerClose(connection))
          closeCodes.set(code, (closeCodes.get(code) ?? 0) + 1)
        })
      )
      expect(host.alive()).toBe(true)
    }
    stop = true
    await chatter

    expect(host.alive()).toBe(true)
    expect(bystanderClosed).toBe(false)
    expect(answered).toBeGreaterThan(0)
    const newcomer = await connectWellBehaved(host.port, host.token)
    expect(await newcomer.appInfo()).toMatchObject({ result: { name: 'netra-diagnostics' } })
    newcomer.close()
    bystander.close()

    const codes = [...closeCodes].sort().map(([code, count]) => `${code}×${count}`).join(', ')
    console.log(
      `frame fuzzer (seed ${SEED}): ${CLIENTS} raw clients, ${frames} frames, ${bytes} bytes; server close codes ${codes}; ` +
        `${host.logLines.length} protocol errors logged; bystander answered ${answered} calls; host alive`
    )
  }, 120_000)
})
