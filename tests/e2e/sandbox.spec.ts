import { readFile } from 'node:fs/promises'
import { expect, test } from '@playwright/test'
import { CRITICAL_EVENTS } from '../../src/shared/protocol/agent-event'
import { appUrl } from './app-url'
import { connectSandbox } from './connect-sandbox'
import { applySandbox, faultRow, openSandboxPanel, resetSandbox } from './sandbox-panel'

const AGENTS = ['Supervisor', 'triage', 'data_helper', 'reporting']
/** What each agent sends in the sandbox's default (wrapped) event style (PROTOCOL.md §4). */
const EVENTS_OF: Record<string, readonly string[]> = {
  Supervisor: ['agent_started', 'agent_completed'],
  triage: ['agent_started', 'agent_thinking', 'agent_completed'],
  data_helper: CRITICAL_EVENTS,
  reporting: ['agent_started', 'agent_thinking', 'agent_completed']
}

test.afterEach(async ({ page }) => {
  await resetSandbox(page)
})

test('sandbox panel: inject try-again-1013, see the close it causes, clear the fault', async ({ page }) => {
  await page.goto(appUrl())
  await expect(page.getByTestId('sandbox-generation-chip')).toHaveText('beta-17')
  const panel = await openSandboxPanel(page)
  await expect(panel.getByTestId('sandbox-next-connection')).toContainText('next')

  // Search narrows the list; a tick survives a new search.
  const search = panel.getByTestId('fault-search')
  await search.fill('1013')
  await faultRow(panel, 'try-again-1013').getByRole('checkbox').check()
  await search.fill('1011')
  await faultRow(panel, 'bare-1011').getByRole('checkbox').check()
  // Written for component-codes only: marked as not applying to beta-17.
  const restricted = faultRow(panel, 'redis-failure')
  await expect(restricted).toHaveAttribute('data-applies', 'false')
  await expect(restricted.getByTestId('fault-not-applicable')).toContainText('beta-17')
  await restricted.getByRole('checkbox').check()
  await expect(panel.getByTestId('fault-count')).toContainText('3 ticked')
  await expect(panel.getByTestId('sandbox-apply-status')).toContainText('Unsaved changes')
  await search.fill('')
  await panel.getByLabel('Ticked only').check()
  await expect(panel.getByTestId('fault-option')).toHaveCount(3)
  await page.screenshot({ path: 'artifacts/screenshots/sandbox-panel.png' })

  // Keep only 1013 and apply it.
  await faultRow(panel, 'bare-1011').getByRole('checkbox').uncheck()
  await restricted.getByRole('checkbox').uncheck()
  await panel.getByLabel('Ticked only').uncheck()
  await applySandbox(panel)
  await expect(page.getByTestId('sandbox-fault-chip')).toHaveText(['⚠ try-again-1013'])
  await page.keyboard.press('Escape')
  await expect(panel).toHaveCount(0)

  // The next connection opens, then the server closes it with 1013.
  await page.getByTestId('connect-button').click()
  await expect(page.getByTestId('close-code')).toHaveText('1013')
  await expect(page.getByTestId('close-name')).toHaveText('Try Again Later')
  await expect(page.getByTestId('close-reason')).toContainText('Service temporarily unavailable')
  await expect(page.getByTestId('close-initiator')).toContainText('server')
  await page.screenshot({ path: 'artifacts/screenshots/fault-1013.png' })

  const reopened = await openSandboxPanel(page)
  await reopened.getByTestId('sandbox-clear-faults').click()
  await expect(page.getByTestId('sandbox-fault-chip')).toHaveCount(0)
  await expect(page.getByTestId('sandbox-chips')).toHaveAttribute('data-faults', '')
})

test('beta-10: wrapped envelopes still give every agent the events it owes; export JUnit', async ({ page }) => {
  await page.goto(appUrl())
  const panel = await openSandboxPanel(page)
  await panel.getByTestId('sandbox-generation').selectOption('beta-10')
  await expect(panel.getByTestId('sandbox-generation-description')).toContainText('system_message')
  await applySandbox(panel)
  await expect(page.getByTestId('sandbox-generation-chip')).toHaveText('beta-10')
  await page.getByTestId('drawer-close').click()

  // beta-10 servers expect the older ["jwt-auth", "jwt.<token>"] offer and echo the bare jwt-auth.
  await page.getByTestId('subprotocol-style-select').selectOption('jwt-auth-legacy')
  await connectSandbox(page)
  await expect(page.getByTestId('handshake-subprotocol')).toHaveText('jwt-auth')

  await page.getByTestId('composer-send').click()
  const run = page.getByTestId('run').first()
  await expect(run).toHaveAttribute('data-status', 'completed', { timeout: 90_000 })
  for (const agent of AGENTS) {
    const row = run.locator(`[data-testid="agent-row"][data-agent="${agent}"]`)
    await expect(row).toHaveAttribute('data-complete', 'true')
    // Exactly what was sent: the system_message / agent_progress wrappers are not counted as events of their own.
    await expect(row.locator('td.agent-count')).toHaveText(String(EVENTS_OF[agent].length))
    for (const event of CRITICAL_EVENTS) {
      const seen = EVENTS_OF[agent].includes(event)
      await expect(row.locator(`[data-testid="critical-cell"][data-event="${event}"]`)).toHaveAttribute('data-seen', String(seen))
    }
  }

  const downloading = page.waitForEvent('download')
  await page.getByTestId('export-junit').click()
  const download = await downloading
  expect(download.suggestedFilename()).toMatch(/^netra-s-[0-9a-f]+\.xml$/)
  const path = await download.path()
  const xml = await readFile(path, 'utf8')
  expect(xml).toContain('<testsuites name="netra-diagnostics"')
  // Every critical event type has a test case (how they are grouped is the exporter's business).
  for (const event of CRITICAL_EVENTS) expect(xml).toMatch(new RegExp(`<testcase name="[^"]*${event}"`))
  await expect(page.getByTestId('export-junit')).toBeEnabled()

  await page.getByTestId('connect-button').click()
  await expect(page.getByTestId('session-state')).toHaveAttribute('data-state', 'closed')
})
