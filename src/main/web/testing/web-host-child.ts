import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { startWebHost } from '../web-host'
import { createFakeBackend } from './fake-backend'

/**
 * A web host in its own process, for tests that must prove the process survives.
 *
 * An adversarial peer that crashes an in-process host would take the test runner down with it
 * and prove nothing; here the test watches a separate process. Prints `{"port","token"}` as the
 * first stdout line, logs to stderr, and exits when its stdin closes (so it never outlives the test).
 */
async function main(): Promise<void> {
  const backend = createFakeBackend('web')
  const host = await startWebHost({
    backend,
    rendererDir: join(tmpdir(), 'netra-web-host-child-no-renderer'),
    port: 0,
    log: (line) => process.stderr.write(`${line}\n`)
  })
  process.stdout.write(`${JSON.stringify({ port: host.port, token: host.token })}\n`)
  process.stdin.resume()
  process.stdin.on('end', () => {
    void host.close().then(() => process.exit(0))
  })
}

void main()
