/**
 * `node --import tsx bench/main-memory-run.ts [frames] [-- node flags…]`: only the main-process memory
 * probe of `npm run bench` (bench/main-memory.ts bundled, on bare Node, the flood server in another
 * process), for working on that one figure. Prints the probe's JSON line(s); MAIN_MEMORY_TRACE=1 makes
 * the probe also print a timeline of `process.memoryUsage()` and V8's heap spaces.
 */
import { rmSync } from 'node:fs'
import { loadavg } from 'node:os'
import { dirname } from 'node:path'
import { bundleScript } from './bundle'
import { startChild } from './child'

async function main(): Promise<void> {
  const frames = Number(process.argv[2] ?? 1_000_000)
  const dash = process.argv.indexOf('--')
  const nodeFlags = dash === -1 ? [] : process.argv.slice(dash + 1)
  const server = await startChild('flood-server.ts')
  const bundle = bundleScript('main-memory.ts')
  try {
    const load = loadavg()[0]
    const probe = await startChild(bundle, [`ws://127.0.0.1:${server.first.port as number}/`, String(frames)], ['--expose-gc', ...nodeFlags], 60 * 60_000, false)
    await new Promise((resolve) => probe.child.once('exit', resolve))
    for (const line of probe.lines) console.log(JSON.stringify(line))
    console.log(JSON.stringify({ loadAverage: [load, loadavg()[0]] }))
  } finally {
    rmSync(dirname(bundle), { recursive: true, force: true })
    await server.stop()
  }
}

void main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
