import { mkdirSync, mkdtempSync } from 'node:fs'
import { join } from 'node:path'
import { buildSync, type BuildOptions } from 'esbuild'
import { BENCH_DIR } from './bench-dir'

/**
 * Bundle `bench/<script>` with the code it imports into one plain CommonJS file (as the app's
 * build does for the main process), so a memory probe runs on bare Node: no TypeScript loader
 * in the process, whose own memory (about 60 MB under tsx) would otherwise count as the app's.
 * esbuild is the bundler electron-vite itself runs on; the HAR's verdict worker is bundled beside it. Returns the bundle's path (in node_modules/.cache/netra-bench; the caller removes its folder).
 */
export function bundleScript(script: string): string {
  // Inside the project, so that the packages left external resolve from its node_modules.
  const folder = join(BENCH_DIR, '..', 'node_modules', '.cache', 'netra-bench')
  mkdirSync(folder, { recursive: true })
  const bundle = mkdtempSync(join(folder, 'bundle-'))
  const outfile = join(bundle, script.replace(/\.ts$/, '.cjs'))
  const options: BuildOptions = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Native or optional modules are required at run time, as in the app's build.
    external: ['keytar', 'electron', 'bufferutil', 'utf-8-validate', 'esbuild'],
    logLevel: 'error'
  }
  buildSync({ ...options, entryPoints: [join(BENCH_DIR, script)], outfile })
  // Beside the bundle, as the app's build puts it beside out/main/: the HAR export's verdict worker (see builtVerdictWorker).
  buildSync({ ...options, entryPoints: [join(BENCH_DIR, '..', 'src', 'main', 'export', 'har-verdict-worker.ts')], outfile: join(bundle, 'har-verdict-worker.js') })
  return outfile
}
