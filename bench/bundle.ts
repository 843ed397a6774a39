import { mkdirSync, mkdtempSync } from 'node:fs'
import { join } from 'node:path'
import { buildSync } from 'esbuild'
import { BENCH_DIR } from './bench-dir'

/**
 * Bundle `bench/<script>` with the code it imports into one plain CommonJS file (as the app's
 * build does for the main process), so a memory probe runs on bare Node: no TypeScript loader
 * in the process, whose own memory (about 60 MB under tsx) would otherwise count as the app's.
 * esbuild is the bundler electron-vite itself runs on. Returns the bundle's path (in node_modules/.cache/netra-bench; the caller removes its folder).
 */
export function bundleScript(script: string): string {
  // Inside the project, so that the packages left external resolve from its node_modules.
  const folder = join(BENCH_DIR, '..', 'node_modules', '.cache', 'netra-bench')
  mkdirSync(folder, { recursive: true })
  const outfile = join(mkdtempSync(join(folder, 'bundle-')), script.replace(/\.ts$/, '.cjs'))
  buildSync({
    entryPoints: [join(BENCH_DIR, script)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Native or optional modules are required at run time, as in the app's build.
    external: ['keytar', 'electron', 'bufferutil', 'utf-8-validate', 'esbuild'],
    logLevel: 'error'
  })
  return outfile
}
