/**
 * The export rows of `npm run bench` alone, for working on exports without re-running ingest:
 *
 *   node --import tsx bench/exports.ts make SIZE      record a SIZE-frame flood (server in another process), print its path
 *   node --import tsx bench/exports.ts run PATH...    copy vs a user-space copy vs CLI NDJSON vs HAR on each recording (BENCH_ROUNDS rounds, default 5),
 *                                                      and the HAR's verdict alone (the summary fold and diagnosis, no file)
 *
 * `run` measures the three in the same round, one after the other, so their ratios share the load;
 * it prints each round, the medians and the load average. The recordings `make` writes are left for
 * the caller to delete (their folder is printed).
 */
import { statSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { median, startChild } from './child'
import { pipelineFlood } from './ingest'
import { openSessionLog } from '../src/main/recordings/open-session-log'
import { copyRecording, exportWithCli, foldVerdict, userSpaceCopy } from './recording'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const ms = (value: number): string => `${value.toFixed(0)} ms`
const pct = (value: number): string => `${Math.round(value * 100)} %`

async function make(size: number): Promise<void> {
  const server = await startChild('flood-server.ts')
  try {
    const run = await pipelineFlood(`ws://127.0.0.1:${server.first.port as number}/`, size, true)
    process.stdout.write(`${run.recording as string}\n`)
  } finally {
    await server.stop()
  }
}

/** Run `work` (given where to put its CPU time) and return its wall time and CPU time (every thread, user + system). */
async function timed(work: (cpu: { ms: number }) => Promise<number>): Promise<{ wall: number; cpu: number }> {
  const cpu = { ms: Number.NaN }
  const before = process.cpuUsage()
  const wall = await work(cpu)
  const used = process.cpuUsage(before)
  return { wall, cpu: Number.isNaN(cpu.ms) ? (used.user + used.system) / 1000 : cpu.ms }
}

async function measure(path: string): Promise<void> {
  const out = join(tmpdir(), `netra-bench-exports-${process.pid}`)
  const runs: Record<'copy' | 'userCopy' | 'ndjson' | 'har' | 'verdict', Array<{ wall: number; cpu: number }>> = { copy: [], userCopy: [], ndjson: [], har: [], verdict: [] }
  const log = await openSessionLog(path)
  const records = (await log.indexed).records
  await log.close()
  const loads = [loadavg()[0]]
  for (let round = 0; round < ROUNDS; round++) {
    runs.copy.push(await timed(() => copyRecording(path, out)))
    runs.userCopy.push(await timed(() => userSpaceCopy(path, out)))
    runs.ndjson.push(await timed((cpu) => exportWithCli(path, out, 'ndjson', cpu)))
    runs.har.push(await timed((cpu) => exportWithCli(path, out, 'har', cpu)))
    runs.verdict.push(await timed(async () => foldVerdict(records)))
    loads.push(loadavg()[0])
    const last = (key: keyof typeof runs): string => `${ms(runs[key][round].wall)} (CPU ${ms(runs[key][round].cpu)})`
    process.stderr.write(`  round ${round + 1}/${ROUNDS}: copy ${last('copy')}, user-space copy ${last('userCopy')}, ndjson ${last('ndjson')}, har ${last('har')}, verdict alone ${last('verdict')}\n`)
  }
  const mb = statSync(path).size / 1e6
  // CPU time counts what the work itself costs, which a loaded machine stretches less than wall time.
  const wall = (key: keyof typeof runs): number => median(runs[key].map((run) => run.wall))
  const cpu = (key: keyof typeof runs): number => median(runs[key].map((run) => run.cpu))
  const row = (key: 'userCopy' | 'ndjson' | 'har' | 'verdict'): string => `${key} ${ms(wall(key))} = ${pct(wall('copy') / wall(key))} (CPU ${ms(cpu(key))})`
  process.stdout.write(
    `${path} (${mb.toFixed(0)} MB): copy ${ms(wall('copy'))} (CPU ${ms(cpu('copy'))}); ${row('userCopy')} (read and written back, nothing else); ${row('ndjson')}; ${row('har')}; ${row('verdict')} (HAR's verdict alone); load ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}\n`
  )
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2)
  if (command === 'make' && args.length === 1) return make(Number(args[0]))
  if (command === 'run' && args.length > 0) {
    for (const path of args) await measure(path)
    return
  }
  throw new Error('usage: bench/exports.ts make SIZE | run PATH...')
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exitCode = 1
})
