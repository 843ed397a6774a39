import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runFrameFuzz } from './testing/frame-fuzz'
import { spawnWebHost, type ChildWebHost } from './testing/spawn-web-host'

/**
 * The frame fuzzer in the suite (issue 9): 1000 raw clients write random and mutated frames at
 * the web host (a child process) while a well-behaved client keeps calling. The host must stay
 * up, never drop the well-behaved client, and serve a new client afterwards.
 * `npm run soak -- --fuzz-minutes N` runs it longer; NETRA_FUZZ_SEED replays a run.
 */

const CLIENTS = Number(process.env.NETRA_FUZZ_CLIENTS ?? 1000)
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
    const report = await runFrameFuzz({ host, clients: CLIENTS, seed: SEED })
    const codes = Object.entries(report.closeCodes).sort().map(([code, count]) => `${code}×${count}`).join(', ')
    console.log(
      `frame fuzzer (seed ${SEED}): ${report.clients} raw clients, ${report.frames} frames, ${report.bytes} bytes; close codes ${codes}; ` +
        `${report.protocolErrorsLogged} protocol errors logged; well-behaved client answered ${report.bystanderCalls} calls; host alive ${host.alive()}`
    )
    expect(report.failures).toEqual([])
    expect(host.alive()).toBe(true)
    expect(report.clients).toBe(CLIENTS)
    expect(report.bystanderCalls).toBeGreaterThan(0)
    // The fuzzer reaches the protocol checks, not only the happy path.
    expect(report.closeCodes['1002']).toBeGreaterThan(0)
    expect(report.closeCodes['1007']).toBeGreaterThan(0)
  }, 120_000)
})
