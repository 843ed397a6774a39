import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
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
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'netra-diag.js'), 'serve', '--port', '0'], {
    cwd: ROOT,
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
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`netra-diag serve exited with ${code} before printing its URL:\n${output}`))
    })
  })
  process.env.NETRA_URL = url

  return async () => {
    if (child.exitCode !== null) return
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
    await exited
    clearTimeout(timer)
  }
}
