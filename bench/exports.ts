/**
 * The export rows of `npm run bench` alone, for working on exports without re-running ingest:
 *
 *   node --import tsx bench/exports.ts make SIZE      record a SIZE-frame flood (server in another process), print its path
 *   node --import tsx bench/exports.ts run PATH...    copy vs CLI NDJSON vs HAR on each recording (BENCH_ROUNDS rounds, default 5),
 *                                                      and the HAR's verdict alone (the summary fold and diagnosis, no file)
 *
 * `run` measures the three in the same round, one after the other, so their ratios share the load;
 * it prints each round, the medians and the load average. The recordings `make` writes are left for
 * the caller to delete (their folder is printed).
 */
import { statSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { median, startChild } from './child'
import { pipelineFlood } from './ingest'
import { openSessionLog } from '../src/main/recordings/open-session-log'
import { copyRecording, exportWithCli } from './recording'
import type { FrameRecord } from '../src/shared/api/frame-record'
import { diagnoseSession } from '../src/shared/diagnosis'
import { bulkStandIn } from '../src/shared/session-model'
import { emptySummary, foldIntoSummary } from '../src/main/export/summarize-records'

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

/**
 * What the HAR's verdict alone costs: `records` bulk output frames folded into the summary the
 * way the one-pass writer folds them (a record each, a stand-in for the text, 4 096 per batch)
 * and the session diagnosed. No file is read or written: this is the floor of a HAR export that
 * carries a verdict, whatever is done to the bytes.
 */
async function verdictOnly(records: number): Promise<{ wall: number; cpu: number }> {
  return timed(async () => {
    const started = performance.now()
    let model = emptySummary('bench')
    const data = bulkStandIn('stream_chunk')
    for (let from = 0; from < records; from += 4096) {
      const batch: FrameRecord[] = []
      for (let seq = from; seq < Math.min(records, from + 4096); seq++) batch.push({ seq, t: seq / 10, dir: 'in', kind: 'message', opcode: 1, encoding: 'utf8', data, size: 1010 })
      model = foldIntoSummary(model, batch)
    }
    diagnoseSession(model)
    return performance.now() - started
  })
}

async function measure(path: string): Promise<void> {
  const out = join(tmpdir(), `netra-bench-exports-${process.pid}`)
  const runs: Record<'copy' | 'ndjson' | 'har' | 'verdict', Array<{ wall: number; cpu: number }>> = { copy: [], ndjson: [], har: [], verdict: [] }
  const log = await openSessionLog(path)
  const records = (await log.indexed).records
  await log.close()
  const loads = [loadavg()[0]]
  for (let round = 0; round < ROUNDS; round++) {
    runs.copy.push(await timed(() => copyRecording(path, out)))
    runs.ndjson.push(await timed((cpu) => exportWithCli(path, out, 'ndjson', cpu)))
    runs.har.push(await timed((cpu) => exportWithCli(path, out, 'har', cpu)))
    runs.verdict.push(await verdictOnly(records))
    loads.push(loadavg()[0])
    const last = (key: keyof typeof runs): string => `${ms(runs[key][round].wall)} (CPU ${ms(runs[key][round].cpu)})`
    process.stderr.write(`  round ${round + 1}/${ROUNDS}: copy ${last('copy')}, ndjson ${last('ndjson')}, har ${last('har')}, verdict alone ${last('verdict')}\n`)
  }
  const mb = statSync(path).size / 1e6
  // CPU time counts what the work itself costs, which a loaded machine stretches less than wall time.
  const wall = (key: keyof typeof runs): number => median(runs[key].map((run) => run.wall))
  const cpu = (key: keyof typeof runs): number => median(runs[key].map((run) => run.cpu))
  const row = (key: 'ndjson' | 'har' | 'verdict'): string => `${key} ${ms(wall(key))} = ${pct(wall('copy') / wall(key))} (CPU ${ms(cpu(key))})`
  process.stdout.write(
    `${path} (${mb.toFixed(0)} MB): copy ${ms(wall('copy'))} (CPU ${ms(cpu('copy'))}); ${row('ndjson')}; ${row('har')}; ${row('verdict')} (HAR's verdict alone); load ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}\n`
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
