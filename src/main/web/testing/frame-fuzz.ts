import fc from 'fast-check'
import { WEB_API_PATH, WEB_TOKEN_PARAM } from '../../../shared/api/web-wire'
import { hostileClientBytes } from './frame-arbitraries'
import { awaitServerClose, rawUpgrade } from './raw-ws-client'
import type { ChildWebHost } from './spawn-web-host'
import { connectWellBehaved } from './well-behaved-client'

/**
 * The frame fuzzer, shared by the suite and `npm run soak`: waves of raw clients write random and
 * mutated frames at a web host in a child process while one well-behaved client keeps calling.
 */

/** How long or how big a fuzz run is: stops after `clients` clients or `durationMs`, whichever comes first. */
export type FrameFuzzOptions = { host: ChildWebHost; clients: number; durationMs?: number; seed: number; concurrency?: number }

/** What a fuzz run saw. */
export type FrameFuzzReport = {
  clients: number
  frames: number
  bytes: number
  /** Close code the host sent each raw client ("null": the connection ended without a close frame). */
  closeCodes: Record<string, number>
  protocolErrorsLogged: number
  bystanderCalls: number
  /** Everything that went wrong: the host died, the bystander was dropped or unanswered, a newcomer refused. */
  failures: string[]
}

/** Run the fuzzer against `host`; never throws, reports failures instead. */
export async function runFrameFuzz(options: FrameFuzzOptions): Promise<FrameFuzzReport> {
  const { host } = options
  const concurrency = options.concurrency ?? 25
  const stopAt = options.durationMs === undefined ? Infinity : Date.now() + options.durationMs
  const loggedBefore = host.logLines.length
  const report: FrameFuzzReport = { clients: 0, frames: 0, bytes: 0, closeCodes: {}, protocolErrorsLogged: 0, bystanderCalls: 0, failures: [] }

  const bystander = await connectWellBehaved(host.port, host.token)
  let dropped = false
  bystander.socket.on('close', () => (dropped = true))
  let stop = false
  const chatter = (async () => {
    while (!stop && !dropped) {
      try {
        await bystander.appInfo()
        report.bystanderCalls++
      } catch (error) {
        report.failures.push(`the well-behaved client got no answer: ${(error as Error).message}`)
        return
      }
    }
  })()

  const wave = 1000
  for (let waveStart = 0; waveStart < options.clients && Date.now() < stopAt && host.alive(); waveStart += wave) {
    const inputs = fc.sample(hostileClientBytes, { numRuns: Math.min(wave, options.clients - waveStart), seed: options.seed + waveStart })
    for (let start = 0; start < inputs.length && Date.now() < stopAt; start += concurrency) {
      await Promise.all(
        inputs.slice(start, start + concurrency).map(async (input) => {
          try {
            const connection = await rawUpgrade({ port: host.port, path: `${WEB_API_PATH}?${WEB_TOKEN_PARAM}=${host.token}`, origin: `http://127.0.0.1:${host.port}` })
            if (connection.status !== 101) report.failures.push(`upgrade answered ${connection.status}`)
            report.clients++
            report.frames += input.frames
            report.bytes += input.bytes.length
            connection.socket.end(input.bytes)
            const code = String(await awaitServerClose(connection))
            report.closeCodes[code] = (report.closeCodes[code] ?? 0) + 1
          } catch (error) {
            report.failures.push(`a raw client failed: ${(error as Error).message}`)
          }
        })
      )
      if (!host.alive()) {
        report.failures.push('the web host process died')
        break
      }
    }
  }
  stop = true
  await chatter
  if (dropped) report.failures.push('the well-behaved client was disconnected')
  if (host.alive()) {
    try {
      const newcomer = await connectWellBehaved(host.port, host.token)
      await newcomer.appInfo()
      newcomer.close()
    } catch (error) {
      report.failures.push(`a new client was not served: ${(error as Error).message}`)
    }
  }
  bystander.close()
  report.protocolErrorsLogged = host.logLines.length - loggedBefore
  return report
}
