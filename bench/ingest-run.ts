/**
 * `node --import tsx bench/ingest-run.ts [frames] [rounds]`: only the ingest rows of `npm run bench`
 * (raw `ws` + `JSON.parse` against the app's whole pipeline, alternating, medians), for checking
 * that a change to the live path keeps its throughput. Prints one JSON line.
 */
import { loadavg } from 'node:os'
import { median, startChild } from './child'
import { pipelineFlood, rawWsFlood } from './ingest'

async function main(): Promise<void> {
  const frames = Number(process.argv[2] ?? 100_000)
  const rounds = Number(process.argv[3] ?? 5)
  const server = await startChild('flood-server.ts')
  const wsUrl = `ws://127.0.0.1:${server.first.port as number}/`
  const load = [loadavg()[0]]
  try {
    const raw: number[] = []
    const app: number[] = []
    const reducer: number[] = []
    // CPU time of this process (all its threads) per flood: on a loaded machine wall time is mostly waiting for a core.
    const rawCpu: number[] = []
    const appCpu: number[] = []
    const cpuMs = (since: NodeJS.CpuUsage): number => {
      const used = process.cpuUsage(since)
      return (used.user + used.system) / 1000
    }
    for (let round = 0; round < rounds; round++) {
      let cpu = process.cpuUsage()
      raw.push(await rawWsFlood(wsUrl, frames))
      rawCpu.push(cpuMs(cpu))
      cpu = process.cpuUsage()
      const run = await pipelineFlood(wsUrl, frames, false)
      appCpu.push(cpuMs(cpu))
      app.push(run.ms)
      reducer.push(run.reducerMs)
    }
    load.push(loadavg()[0])
    const round = (values: number[]): number[] => values.map((value) => Math.round(value))
    console.log(
      JSON.stringify({
        frames,
        rounds,
        rawMs: Math.round(median(raw)),
        appMs: Math.round(median(app)),
        reducerMs: Math.round(median(reducer)),
        ratio: Number((median(raw) / median(app)).toFixed(3)),
        rawCpuMs: Math.round(median(rawCpu)),
        appCpuMs: Math.round(median(appCpu)),
        cpuRatio: Number((median(rawCpu) / median(appCpu)).toFixed(3)),
        raws: round(raw),
        apps: round(app),
        loadAverage: load
      })
    )
  } finally {
    await server.stop()
  }
}

void main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
