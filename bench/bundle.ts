import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildSync } from 'esbuild'

/**
 * Bundle `bench/<script>` with the code it imports into one plain CommonJS file (as the app's
 * build does for the main process), so a memory probe runs on bare Node: no TypeScript loader
 * in the process, whose own memory (about 60 MB under tsx) would otherwise count as the app's.
 * esbuild is the bundler electron-vite itself runs on. Returns the bundle's path.
 */
export function bundleScript(script: string): string {
  const outfile = join(mkdtempSync(join(tmpdir(), 'netra-bench-bundle-')), script.replace(/\.ts$/, '.cjs'))
  buildSync({
    entryPoints: [join(__dirname, script)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Native or optional modules are required at run time, as in the app's build.
    external: ['keytar', 'electron', 'bufferutil', 'utf-8-validate'],
    logLevel: 'error'
  })
  return outfile
}
