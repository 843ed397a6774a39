import { expect, test, type Page } from '@playwright/test'
import { appUrl } from './app-url'
import { applySandbox, faultRow, openSandboxPanel, resetSandbox } from './sandbox-panel'
import { startSession } from './connect-sandbox'

/** One sandbox fault, what the Overview must conclude, and how the session is driven. */
type Case = {
  fault: string
  generation?: string
  verdict: 'healthy' | 'degraded' | 'failing'
  component: string
  /** Send the default message once open (faults that refuse or close at once never open for it). */
  send: boolean
  /** Wait for the run to finish before the screenshot, so it shows the settled diagnosis. */
  waitForRun?: boolean
}

const CASES: Case[] = [
  { fault: 'database-down', verdict: 'failing', component: 'database', send: false },
  { fault: 'database-down', generation: 'component-codes', verdict: 'failing', component: 'database', send: false },
  { fault: 'token-rejected', verdict: 'failing', component: 'auth', send: false },
  { fault: 'readiness-refusal', verdict: 'failing', component: 'database', send: false },
  { fault: 'redis-degraded', verdict: 'degraded', component: 'redis', send: true, waitForRun: true },
  { fault: 'tcp-drop', verdict: 'failing', component: 'network', send: true },
  { fault: 'agent-death', verdict: 'failing', component: 'agent-supervisor', send: true }
]

async function configureSandbox(page: Page, fault: string, generation: string | undefined): Promise<void> {
  const panel = await openSandboxPanel(page)
  if (generation) await panel.getByTestId('sandbox-generation').selectOption(generation)
  await panel.getByTestId('fault-search').fill(fault)
  await faultRow(panel, fault).getByRole('checkbox').check()
  await applySandbox(panel)
  await expect(page.getByTestId('sandbox-fault-chip')).toHaveText([`⚠ ${fault}`])
  await page.getByTestId('drawer-close').click()
  await expect(panel).toHaveCount(0)
}

async function openCell(page: Page, component: string): Promise<void> {
  const cell = page.locator(`[data-testid="health-cell"][data-component="${component}"]`)
  await cell.click()
  await expect(cell).toHaveAttribute('aria-expanded', 'true')
  const evidence = page.getByTestId('component-evidence')
  await expect(evidence).toHaveAttribute('data-component', component)
  await expect(evidence).toBeInViewport()
}

test.afterEach(async ({ page }) => {
  await resetSandbox(page)
})

for (const c of CASES) {
  const name = c.generation ? `${c.fault}-${c.generation}` : c.fault
  test(`overview of ${name}: ${c.verdict}, top finding in ${c.component}`, async ({ page }) => {
    await page.goto(appUrl())
    await expect(page.getByTestId('env-kind')).toHaveText('sandbox')
    await configureSandbox(page, c.fault, c.generation)
    await startSession(page)
    // The Overview is what one sees after connecting.
    await expect(page.getByTestId('main-area')).toHaveAttribute('data-tab', 'overview')

    if (c.send) {
      await expect(page.getByTestId('session-state')).toHaveAttribute('data-state', 'open')
      await page.getByTestId('composer-send').click()
    }
    if (c.waitForRun) await expect(page.getByTestId('run').first()).toHaveAttribute('data-status', 'completed', { timeout: 90_000 })

    await expect(page.getByTestId('verdict-badge')).toHaveAttribute('data-verdict', c.verdict, { timeout: 60_000 })
    await expect(page.getByTestId('finding').first()).toHaveAttribute('data-component', c.component)
    // Every finding says how sure it is; the top one of these faults was said by the server or inferred.
    await expect(page.getByTestId('finding').first().getByTestId('finding-confidence')).toHaveText(/certain|likely|possible/)
    await expect(page.getByTestId('overview-summary')).toContainText('Next:')
    const cell = page.locator(`[data-testid="health-cell"][data-component="${c.component}"]`)
    await expect(cell).toHaveAttribute('data-status', c.verdict === 'degraded' ? 'degraded' : 'failing')
    await openCell(page, c.component)
    await page.screenshot({ path: `artifacts/screenshots/overview-${name}.png` })

    // Evidence with a record links to it: Frames, that record selected.
    const link = page.getByTestId('finding').first().getByTestId('evidence-link').first()
    const seq = await link.getAttribute('data-seq')
    await link.click()
    await expect(page.getByTestId('main-area')).toHaveAttribute('data-tab', 'frames')
    await expect(page.getByTestId('frame-detail')).toHaveAttribute('data-seq', String(seq))
    await page.getByTestId('main-tab-overview').click()

    if ((await page.getByTestId('connect-button').textContent()) === 'Disconnect') await page.getByTestId('connect-button').click()
  })
}

test('overview of a healthy session: every check passed, the run complete', async ({ page }) => {
  await page.goto(appUrl())
  await expect(page.getByTestId('env-kind')).toHaveText('sandbox')
  await startSession(page)
  await expect(page.getByTestId('session-state')).toHaveAttribute('data-state', 'open')
  await expect(page.getByTestId('verdict-badge')).toHaveAttribute('data-verdict', 'healthy')
  await page.getByTestId('composer-send').click()
  await expect(page.getByTestId('run').first()).toHaveAttribute('data-status', 'completed', { timeout: 90_000 })

  await expect(page.getByTestId('verdict-badge')).toHaveAttribute('data-verdict', 'healthy')
  await expect(page.getByTestId('overview-summary')).toContainText('completed with every critical event owed')
  await expect(page.getByTestId('verdict-live')).toContainText('live')
  await expect(page.locator('[data-testid="preflight-row"][data-ok="false"]')).toHaveCount(0)
  expect(await page.getByTestId('preflight-row').count()).toBeGreaterThanOrEqual(5)
  await expect(page.getByTestId('claim-exp')).toContainText('expires in')
  await expect(page.locator('[data-testid="health-cell"][data-status="failing"]')).toHaveCount(0)
  await openCell(page, 'agent-bridge')
  await page.screenshot({ path: 'artifacts/screenshots/overview-healthy.png' })

  await page.getByTestId('connect-button').click()
  await expect(page.getByTestId('session-state')).toHaveAttribute('data-state', 'closed')
  await expect(page.getByTestId('verdict-live')).toContainText('final')
})
