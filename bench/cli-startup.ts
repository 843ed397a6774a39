/**
 * `npm run bench:cli`: the CLI's start-up, as a ratio against a bare `node -e 0` measured in the
 * same run. Each command runs as a whole process, alternating with the baseline (A B A B …), so a
 * machine that speeds up or slows down affects both sides of every pair; the figure is the median
 * of the pair-by-pair ratios. Needs a build (`npm run build`). BENCH_ROUNDS sets the pairs (default
 * 15); BENCH_CLI_NPX=1 also times `npx netra-diag --version`, which resolves the package first.
 *
 * No assertions: it reports numbers.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { formatDuration } from '../src/shared/format/duration'

const ROOT = join(__dirname, '..')
const BIN = join(ROOT, 'bin', 'netra-diag.js')
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15)

/** One command line, run without a shell. */
type Invocation = { label: string; command: string; args: string[] }

/** Wall time of one whole process, from spawn to exit; output is read and dropped. */
function timeOnce({ command, args }: Invocation): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    child.stdout.resume()
    child.stderr.resume()
    // Bounded: a hung start-up is a result worth seeing, not a reason to wait forever.
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      if (code !== 0) reject(new Error(`${[command, ...args].join(' ')} ended with ${signal ?? `exit ${code}`}`))
      else resolve(performance.now() - started)
    })
  })
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** The median wall time of `subject`, of the baseline, and of their pair-by-pair ratio. */
async function compare(subject: Invocation, baseline: Invocation): Promise<{ subjectMs: number; baselineMs: number; ratio: number }> {
  await timeOnce(subject) // warm-up: file cache, not counted
  await timeOnce(baseline)
  const subjectMs: number[] = []
  const baselineMs: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    subjectMs.push(await timeOnce(subject))
    baselineMs.push(await timeOnce(baseline))
  }
  return { subjectMs: median(subjectMs), baselineMs: median(baselineMs), ratio: median(subjectMs.map((ms, i) => ms / baselineMs[i])) }
}

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, 'out', 'main', 'cli.js'))) {
    process.stderr.write('bench:cli needs a build first: run npm run build.\n')
    process.exitCode = 2
    return
  }
  const node = process.execPath
  const baseline: Invocation = { label: 'node -e 0', command: node, args: ['-e', '0'] }
  const subjects: Invocation[] = [
    { label: 'netra-diag --version', command: node, args: [BIN, '--version'] },
    { label: 'netra-diag probe --help', command: node, args: [BIN, 'probe', '--help'] },
    { label: 'netra-diag export --help', command: node, args: [BIN, 'export', '--help'] },
    ...(process.env.BENCH_CLI_NPX === '1' ? [{ label: 'npx netra-diag --version', command: 'npx', args: ['--no-install', 'netra-diag', '--version'] }] : [])
  ]
  process.stdout.write(`CLI start-up, ${ROUNDS} pairs each, against \`${baseline.label}\` in the same run (load average ${loadavg()[0].toFixed(1)})\n\n`)
  process.stdout.write('| command | median wall | node -e 0 | ratio (median of pairs) |\n|---|---|---|---|\n')
  for (const subject of subjects) {
    const { subjectMs, baselineMs, ratio } = await compare(subject, baseline)
    process.stdout.write(`| \`${subject.label}\` | ${formatDuration(subjectMs)} | ${formatDuration(baselineMs)} | ${ratio.toFixed(2)}× |\n`)
  }
}

void main()
