/**
 * The export rows of `npm run bench` alone, for working on exports without re-running ingest:
 *
 *   node --import tsx bench/exports.ts make SIZE      record a SIZE-frame flood (server in another process), print its path
 *   node --import tsx bench/exports.ts run PATH...    copy vs CLI NDJSON vs HAR on each recording (BENCH_ROUNDS rounds, default 5)
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
import { copyRecording, exportRecording } from './recording'

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

async function measure(path: string): Promise<void> {
  const out = join(tmpdir(), `netra-bench-exports-${process.pid}`)
  const copy: number[] = []
  const ndjson: number[] = []
  const har: number[] = []
  const loads = [loadavg()[0]]
  for (let round = 0; round < ROUNDS; round++) {
    copy.push(await copyRecording(path, out))
    ndjson.push(await exportRecording(path, out, 'ndjson', false))
    har.push(await exportRecording(path, out, 'har', false))
    loads.push(loadavg()[0])
    process.stderr.write(`  round ${round + 1}/${ROUNDS}: copy ${ms(copy[round])}, ndjson ${ms(ndjson[round])}, har ${ms(har[round])}\n`)
  }
  const mb = statSync(path).size / 1e6
  const [c, n, h] = [median(copy), median(ndjson), median(har)]
  process.stdout.write(
    `${path} (${mb.toFixed(0)} MB): copy ${ms(c)}; ndjson ${ms(n)} = ${pct(c / n)}; har ${ms(h)} = ${pct(c / h)}; load ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}\n`
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
