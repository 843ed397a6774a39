import { spawn } from 'node:child_process'
import { createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const ROOT = join(__dirname, '..', '..')
const URL_LINE = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/
const START_TIMEOUT_MS = 30_000

/**
 * Start the web host (`netra-diag serve --port 0`) for the whole run and hand its URL to
 * the specs through `NETRA_URL`. The returned function is Playwright's teardown.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) {
    throw new Error('The renderer is not built: run `npx electron-vite build` before the e2e specs.')
  }
  // A throwaway settings folder: the specs add, edit and delete environments and credentials, and must
  // never touch the developer's own environments.json / credentials.json (or leave theirs behind).
  const configHome = mkdtempSync(join(tmpdir(), 'netra-e2e-config-'))
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CONFIG_HOME: configHome }
  // It would win over XDG_CONFIG_HOME.
  delete env.NETRA_DIAG_DATA_DIR
  // No D-Bus session: secrets typed in the specs must never land in the developer's real keychain, and
  // the specs can rely on the keychain-unavailable path (with its opt-in memory fallback) everywhere.
  delete env.DBUS_SESSION_BUS_ADDRESS
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'netra-diag.js'), 'serve', '--port', '0'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`netra-diag serve printed no URL in ${START_TIMEOUT_MS} ms:\n${output}`)), START_TIMEOUT_MS)
    const onData = (chunk: Buffer): void => {
      output += chunk.toString()
      const match = URL_LINE.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    // NETRA_E2E_SERVE_LOG=path: keep everything the server prints, for a failure that needs its side of the story.
    const logPath = process.env.NETRA_E2E_SERVE_LOG
    if (logPath) {
      const log = createWriteStream(logPath)
      log.on('error', () => undefined)
      child.stdout.pipe(log)
      child.stderr.pipe(log)
    }
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`netra-diag serve exited with ${code} before printing its URL:\n${output}`))
    })
  }).catch((error: unknown) => {
    child.kill('SIGKILL')
    rmSync(configHome, { recursive: true, force: true })
    throw error
  })
  process.env.NETRA_URL = url

  return async () => {
    if (child.exitCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
      await exited
      clearTimeout(timer)
    }
    rmSync(configHome, { recursive: true, force: true })
  }
}
