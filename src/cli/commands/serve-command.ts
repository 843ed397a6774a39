import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { Command } from 'commander'
import { defaultDataDir } from '../../main/settings/default-data-dir'
import { listenError } from '../listen-error'
import { parsePort } from '../sandbox-flags'

/** Where the built renderer is, whether we run from `out/main/cli.js` or from source. */
export function findRendererDir(): string {
  const candidates = [join(__dirname, '../renderer'), resolve(__dirname, '../../out/renderer'), resolve(process.cwd(), 'out/renderer')]
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates[0]
}

/** `netra-diag serve`: the web host, for browsers and the end-to-end tests. */
export function serveCommand(): Command {
  return new Command('serve')
    .description('serve the UI and the API on 127.0.0.1 for a browser (prints the URL to open)')
    .option('--port <port>', 'port on 127.0.0.1 (0 picks a free one)', '0')
    .option('--open <file>', 'open a .ndjson recording as a read-only session at start')
    .action(async (flags: { port: string; open?: string }) => {
      const port = parsePort(flags.port)
      const rendererDir = findRendererDir()
      if (!existsSync(join(rendererDir, 'index.html'))) process.stderr.write('netra-diag: The UI is not built yet, so the browser gets no page (the API still answers). Run `npm run build` first.\n')
      // Loaded when the command runs, not when the CLI starts: `--help` and the other commands do not need the backend.
      const [{ createBackend }, { startWebHost }] = await Promise.all([import('../../main/backend/create-backend'), import('../../main/web/web-host')])
      const backend = createBackend({ host: 'web', dataDir: defaultDataDir(), resolveToken: async () => process.env.NETRA_DIAG_TOKEN ?? null })
      let host
      try {
        host = await startWebHost({ backend, rendererDir, port })
      } catch (error) {
        await backend.dispose()
        throw listenError(error, { '--port': port })
      }
      if (flags.open) {
        // Issue 11: a bad file is said in one sentence naming it; the UI still starts.
        await backend.handlers['recordings.open']({ path: resolve(flags.open) }).catch((error: Error) => process.stderr.write(`could not open ${flags.open}: ${error.message}\n`))
      }
      process.stdout.write(`Netra Diagnostics web UI: ${host.url}\nOpen it in your browser; press Ctrl+C to stop.\n`)
      await new Promise<void>((done) => {
        const stop = (): void => done()
        process.once('SIGINT', stop)
        process.once('SIGTERM', stop)
      })
      await host.close()
      await backend.dispose()
    })
}
