import { spawn, type ChildProcess } from 'node:child_process'
import { createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FullConfig } from '@playwright/test'

const ROOT = join(__dirname, '..', '..')
const URL_LINE = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/
const START_TIMEOUT_MS = 30_000

/** One running `netra-diag serve` and its throwaway settings folder. */
type Host = { child: ChildProcess; configHome: string; url: string }

/**
 * Start one web host (`netra-diag serve --port 0`) per Playwright worker and hand their URLs to the
 * specs through `NETRA_URL_<parallel index>` (`NETRA_URL` is the first; see app-url.ts). A worker's
 * specs change its sandbox's faults and read "the newest session": with a host each, two workers
 * never see each other's. The returned function is Playwright's teardown.
 */
export default async function globalSetup(config: FullConfig): Promise<() => Promise<void>> {
  if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) {
    throw new Error('The renderer is not built: run `npx electron-vite build` before the e2e specs.')
  }
  const hosts: Host[] = []
  const stopAll = async (): Promise<void> => {
    await Promise.all(hosts.map(stop))
  }
  try {
    // One after the other: the two start-ups would only compete for the same two cores.
    for (let index = 0; index < Math.max(1, config.workers); index++) {
      const host = await start(index)
      hosts.push(host)
      process.env[`NETRA_URL_${index}`] = host.url
    }
  } catch (error) {
    await stopAll()
    throw error
  }
  process.env.NETRA_URL = hosts[0].url
  return stopAll
}

/** Start `netra-diag serve --port 0` (the `index`th host) on a fresh settings folder; resolves once it prints its URL. */
async function start(index: number): Promise<Host> {
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
  child.on('error', () => undefined)
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
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    // NETRA_E2E_SERVE_LOG=path: keep everything the servers print (the first host's in path, the next in path.1, …),
    // for a failure that needs the server's side of the story.
    const logPath = process.env.NETRA_E2E_SERVE_LOG
    if (logPath) {
      const log = createWriteStream(index === 0 ? logPath : `${logPath}.${index}`)
      log.on('error', () => undefined)
      child.stdout?.pipe(log)
      child.stderr?.pipe(log)
    }
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(new Error(`netra-diag serve could not start: ${error.message}`))
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`netra-diag serve exited with ${code} before printing its URL:\n${output}`))
    })
  }).catch((error: unknown) => {
    child.kill('SIGKILL')
    rmSync(configHome, { recursive: true, force: true })
    throw error
  })
  return { child, configHome, url }
}

/** Stop a host (SIGTERM, SIGKILL after 5 s) and remove its settings folder. */
async function stop(host: Host): Promise<void> {
  const { child, configHome } = host
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
    await exited
    clearTimeout(timer)
  }
  rmSync(configHome, { recursive: true, force: true })
}
