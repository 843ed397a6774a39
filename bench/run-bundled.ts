/**
 * `node --import tsx bench/run-bundled.ts SCRIPT [args…]`: bundle `bench/SCRIPT` with the app code
 * it imports (esbuild, as the app's build does) and run the bundle on bare Node.
 *
 * This is how `npm run bench` runs: what it times in its own process (the ingest pipeline, the
 * reducer, opening recordings, the exports) must be the code as it ships. Under the TypeScript
 * loader, every import of another module's constant became a getter call through the loader's
 * module wrapper; measured on the same 100 k-line recording, that made the CLI's NDJSON export
 * ~30 % and the HAR export ~45 % more expensive in CPU than the bundled code the CLI runs.
 */
import { spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { bundleScript } from './bundle'

function main(): void {
  const [script, ...args] = process.argv.slice(2)
  if (!script) throw new Error('usage: bench/run-bundled.ts SCRIPT [args…]')
  const bundle = bundleScript(script)
  const child = spawn(process.execPath, [bundle, ...args], { stdio: 'inherit', env: { ...process.env, NETRA_BENCH_DIR: __dirname } })
  const forward = (signal: NodeJS.Signals): void => void child.kill(signal)
  process.on('SIGINT', forward)
  process.on('SIGTERM', forward)
  child.on('error', (error) => {
    process.stderr.write(`${error.message}\n`)
    process.exitCode = 1
  })
  child.on('exit', (code, signal) => {
    rmSync(dirname(bundle), { recursive: true, force: true })
    process.exitCode = code ?? (signal ? 1 : 0)
  })
}

main()
