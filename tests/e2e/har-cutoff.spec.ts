import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { appUrl } from './app-url'
import { builtVerdictWorker, startVerdictFold, type HarVerdict } from '../../src/main/export/har-verdict'
import { parseRecordLine } from '../../src/shared/session-log/session-log-format'
import { FeedBatchBuilder } from '../../src/shared/session-model'

/**
 * Issue 11 through the UI: a recording cut off by a crash reads as cut off (never open and healthy),
 * and a browser HAR with several WebSocket entries is imported through the entry picker and diagnosed.
 * The files come from the real CLI: `probe --record` against the sandbox, then `export --format har`.
 */

const ROOT = join(__dirname, '..', '..')
const SHOTS = join(ROOT, 'artifacts', 'screenshots')
// Made by the first hook, not when the file loads: Playwright also loads it once to list its tests, in a
// process whose afterAll never runs, which left one folder behind per run.
let work = ''
test.afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true })
})

/** Run the built CLI on a throwaway data folder (bounded). */
function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, NETRA_DIAG_DATA_DIR: join(work, 'data'), NO_COLOR: '1' }
  delete env.DBUS_SESSION_BUS_ADDRESS
  const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'netra-diag.js'), ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: join(SHOTS, `${name}.png`) })
}

let recording = ''

test.beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'netra-e2e-har-'))
  recording = join(work, 'agent-death.ndjson')
  const probe = cli(['probe', '--env', 'sandbox', '--fault', 'agent-death', '--record', recording, '--timeout', '15'])
  expect(probe.status, probe.stderr).not.toBeNull()
})

test('a recording without its close reads as cut off, never open and healthy', async ({ page }) => {
  const lines = readFileSync(recording, 'utf8').split('\n').filter(Boolean)
  const closeAt = lines.findIndex((line) => line.includes('"kind":"close"'))
  expect(closeAt).toBeGreaterThan(2)
  const cut = join(work, 'crashed-session.ndjson')
  writeFileSync(cut, `${lines.slice(0, closeAt).join('\n')}\n`)

  await page.goto(appUrl())
  await page.getByTestId('open-file-input').setInputFiles(cut)
  await expect(page.getByTestId('close-name')).toHaveText('Cut off', { timeout: 30_000 })
  await expect(page.getByTestId('close-cut-off')).toContainText(/the recording ends at \d\d:\d\d:\d\d/)
  await expect(page.getByTestId('verdict-badge')).not.toHaveAttribute('data-verdict', 'healthy')
  await expect(page.getByTestId('verdict-live')).toHaveText('from a recording · not live')
  await expect(page.getByTestId('session-state')).toHaveAttribute('data-state', 'recording')
  // Nothing to disconnect or send to: a recording has no connection behind it.
  await expect(page.getByTestId('connect-button')).toHaveText('Connect')
  await shot(page, 'recording-cut-off')
})

test('a HAR with several WebSocket entries is imported through the picker and diagnosed', async ({ page }) => {
  const exported = join(work, 'agent-death.har')
  const exportRun = cli(['export', recording, '--format', 'har', '--out', exported])
  expect(exportRun.status, exportRun.stderr).toBe(0)
  // A capture with two WebSocket connections: the same entry twice, the second one a later reconnect.
  const har = JSON.parse(readFileSync(exported, 'utf8')) as { log: { entries: Array<{ request: { url: string } }> } }
  const second = structuredClone(har.log.entries[0])
  second.request.url = `${second.request.url}?reconnect=1`
  har.log.entries.push(second)
  const customer = join(work, 'customer-capture.har')
  writeFileSync(customer, JSON.stringify(har))

  await page.goto(appUrl())
  await page.getByTestId('open-file-input').setInputFiles(customer)
  const picker = page.getByTestId('har-entry-picker')
  await expect(picker).toBeVisible({ timeout: 30_000 })
  await expect(picker.getByTestId('har-entry')).toHaveCount(2)
  await shot(page, 'har-import-picker')
  await picker.getByTestId('har-entry').nth(1).click()
  await picker.getByTestId('har-picker-import').click()
  await expect(picker).toBeHidden()
  const opened = page.locator('[data-testid="session-item"][aria-current="true"]')
  await expect(opened).toHaveAttribute('data-origin', 'recording', { timeout: 30_000 })
  // The agent death is seen from the frames alone: not healthy.
  await expect(page.getByTestId('verdict-badge')).not.toHaveAttribute('data-verdict', 'healthy', { timeout: 30_000 })
  await expect(page.getByTestId('verdict-badge')).toHaveAttribute('data-verdict', /degraded|failing/)
  await shot(page, 'har-import-opened')
})

test('the built HAR verdict worker loads beside out/main and judges as the writer’s own thread does', async () => {
  // The code that starts it sits in a shared chunk: the worker is found one level up, as in the app and the CLI.
  const worker = builtVerdictWorker(join(ROOT, 'out', 'main', 'chunks'))
  expect(worker?.file).toBe(join(ROOT, 'out', 'main', 'har-verdict-worker.js'))
  const lines = readFileSync(recording, 'utf8').split('\n').filter(Boolean).slice(1)
  const records = lines.flatMap((line) => parseRecordLine(line).record ?? [])
  expect(records.length).toBe(lines.length)
  const verdicts: HarVerdict[] = []
  for (const script of [worker, null]) {
    const fold = startVerdictFold('s-built-worker', 0, script)
    try {
      // Two batches, as segments come: the worker folds them in order.
      for (const part of [records.slice(0, 5), records.slice(5)]) {
        const batch = new FeedBatchBuilder(part.length)
        for (const record of part) batch.record(record)
        await fold.add(batch.finish())
      }
      verdicts.push(await fold.verdict(true))
    } finally {
      await fold.close()
    }
  }
  expect(verdicts[0]).toEqual(verdicts[1])
  expect(verdicts[0].verdict).not.toBe('healthy')
})
