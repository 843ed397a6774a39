import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { connectSandbox, startSession } from './connect-sandbox'
import { applySandbox, faultRow, openSandboxPanel } from './sandbox-panel'

/**
 * The library (issue 11) against its own `netra-diag serve` on a throwaway data folder, so it can be
 * stopped and started again: past sessions must survive the restart, with their verdicts.
 */

const ROOT = join(__dirname, '..', '..')
const URL_LINE = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/
const SHOTS = join(ROOT, 'artifacts', 'screenshots')

type Served = { url: string; stop(): Promise<void> }

/** `netra-diag serve --port 0` on `dataDir`; resolves with its URL (bounded wait). */
async function serve(dataDir: string, extra: string[] = []): Promise<Served> {
  const env: NodeJS.ProcessEnv = { ...process.env, NETRA_DIAG_DATA_DIR: dataDir }
  delete env.NETRA_DIAG_RECORDINGS_DIR
  delete env.DBUS_SESSION_BUS_ADDRESS
  const child: ChildProcess = spawn(
    process.execPath,
    [join(ROOT, 'bin', 'netra-diag.js'), 'serve', '--port', '0', ...extra],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] }
  )
  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no URL in 30 s:\n${output}`)), 30_000)
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = URL_LINE.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(match[1])
      }
    })
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)))
  })
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 8_000)
      await exited
      clearTimeout(timer)
    }
  }
}

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: join(SHOTS, `library-${name}.png`) })
}

test.describe('the library', () => {
  let dataDir = ''
  let served: Served | null = null
  test.beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'netra-e2e-library-'))
  })
  test.afterAll(async () => {
    await served?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  test('past sessions survive a serve restart, with verdict, finding and fault; search, filter, delete and undo', async ({
    page
  }) => {
    served = await serve(dataDir)
    await page.goto(served.url)
    // Sessions are recorded by default; each is indexed (and diagnosed) as it ends.
    await expect(page.getByTestId('record-toggle')).toBeChecked()
    for (let i = 0; i < 2; i++) {
      await connectSandbox(page)
      await page.getByTestId('composer-send').click()
      await expect(page.getByTestId('run').first()).toHaveAttribute('data-status', 'completed', {
        timeout: 90_000
      })
      await page.getByTestId('connect-button').click()
      await expect(page.getByTestId('library-list')).toHaveAttribute('data-total', String(i + 1), {
        timeout: 30_000
      })
    }
    // One with the database down: refused, and the library remembers which fault was injected.
    const panel = await openSandboxPanel(page)
    await faultRow(panel, 'database-down').getByRole('checkbox').check()
    await applySandbox(panel)
    await page.getByTestId('drawer-close').click()
    await startSession(page)
    await expect(page.getByTestId('library-list')).toHaveAttribute('data-total', '3', { timeout: 30_000 })

    await served.stop()
    served = await serve(dataDir)
    await page.goto(served.url)
    // Nothing live after the restart; the three past sessions are there, diagnosed.
    await expect(page.getByTestId('session-item')).toHaveCount(0)
    const rows = page.getByTestId('library-row')
    await expect(rows).toHaveCount(3)
    await expect(
      page.locator('[data-testid="library-row"] [data-testid="verdict-chip"][data-verdict="failing"]')
    ).toHaveCount(1)
    await expect(
      page.locator('[data-testid="library-row"] [data-testid="verdict-chip"][data-verdict="healthy"]')
    ).toHaveCount(2)
    const failing = rows.filter({ has: page.locator('[data-verdict="failing"]') })
    await expect(failing.getByTestId('library-fault')).toHaveText(/database-down/)
    await expect(failing.getByTestId('library-finding')).toContainText('database')
    await shot(page, 'sidebar')

    // Filters and search run in the backend.
    await page.getByTestId('library-filter-verdict').selectOption('failing')
    await expect(rows).toHaveCount(1)
    await page.getByTestId('library-filter-verdict').selectOption('')
    await page.getByTestId('library-filter-component').selectOption('database')
    await expect(rows).toHaveCount(1)
    await page.getByTestId('library-filter-component').selectOption('')
    await page.getByTestId('library-search').fill('database-down')
    await expect(rows).toHaveCount(1)
    await shot(page, 'search')
    await page.getByTestId('library-search').fill('')
    await expect(rows).toHaveCount(3)

    // Rename inline.
    const first = rows.first()
    await first.hover()
    await first.getByTestId('library-rename').click()
    await page.getByTestId('library-rename-input').fill('customer 4411')
    await page.getByTestId('library-rename-input').press('Enter')
    await expect(page.getByTestId('library-name').filter({ hasText: 'customer 4411' })).toHaveCount(1)

    // Delete, then Undo.
    const renamed = rows.filter({ hasText: 'customer 4411' })
    await renamed.hover()
    await renamed.getByTestId('library-delete').click()
    await expect(page.getByTestId('undo-notice')).toContainText('customer 4411')
    await expect(rows).toHaveCount(2)
    await expect(readdirSync(join(dataDir, 'recordings', '.trash'))).toHaveLength(1)
    await shot(page, 'undo')
    await page.getByTestId('undo-delete').click()
    await expect(rows).toHaveCount(3)
    await expect(page.getByTestId('library-name').filter({ hasText: 'customer 4411' })).toHaveCount(1)

    // Reveal in a browser: the path, with a copy button.
    await rows.first().hover()
    await rows.first().getByTestId('library-reveal').click()
    await expect(page.getByTestId('revealed-path')).toContainText(join(dataDir, 'recordings'))

    // Clicking a past session opens it read-only in the session list, through the same views.
    await failing.getByTestId('library-open').click()
    const opened = page.locator('[data-testid="session-item"][data-origin="recording"]')
    await expect(opened).toHaveCount(1)
    await expect(opened).toHaveAttribute('aria-current', 'true')
    await expect(page.getByTestId('handshake-status')).toHaveAttribute('data-status', /\d+/)
    await shot(page, 'opened')
  })

  test('a .ndjson file uploaded from the browser opens as a read-only session; a bad file is a clear error', async ({
    page
  }) => {
    served ??= await serve(dataDir)
    await page.goto(served.url)
    const recordings = join(dataDir, 'recordings')
    const file = readdirSync(recordings).find((name) => name.endsWith('.ndjson')) as string
    const opened = page.locator('[data-testid="session-item"][data-origin="recording"]')
    const before = await opened.count()
    await page.getByTestId('open-file-input').setInputFiles(join(recordings, file))
    await expect(opened).toHaveCount(before + 1)
    await expect(page.locator('[data-testid="session-item"][aria-current="true"]')).toHaveAttribute(
      'data-origin',
      'recording'
    )
    // The upload landed in imports/ and was indexed.
    await expect(page.getByTestId('library-list')).toHaveAttribute('data-total', '4', { timeout: 30_000 })

    await page
      .getByTestId('open-file-input')
      .setInputFiles({
        name: 'broken.ndjson',
        mimeType: 'application/x-ndjson',
        buffer: Buffer.from('this is not a recording\n')
      })
    await expect(page.getByText(/broken\.ndjson.*not a Netra Diagnostics recording/).first()).toBeVisible()
    await shot(page, 'bad-file')
  })
})
