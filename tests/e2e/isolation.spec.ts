import { expect, test, type Page } from '@playwright/test'
import { appUrl } from './app-url'
import { applySandbox, faultRow, openSandboxPanel, resetSandbox } from './sandbox-panel'

test.afterEach(async ({ page }) => {
  await resetSandbox(page)
})

async function runIsolation(page: Page, users: number): Promise<void> {
  await page.getByTestId('open-isolation').click()
  const panel = page.getByTestId('isolation-panel')
  await expect(panel).toBeVisible()
  await panel.getByTestId('isolation-users').fill(String(users))
  await panel.getByTestId('isolation-run').click()
  await expect(panel.getByTestId('isolation-verdict')).toBeVisible({ timeout: 90_000 })
}

test('isolation matrix: 20 healthy users show no leak', async ({ page }) => {
  await page.goto(appUrl())
  await runIsolation(page, 20)
  const panel = page.getByTestId('isolation-panel')
  await expect(panel.getByTestId('isolation-verdict')).toHaveAttribute('data-leaks', '0')
  await expect(panel.getByTestId('isolation-verdict')).toContainText('20 concurrent users each received only their own events')
  await expect(panel.locator('.isolation-matrix tbody tr')).toHaveCount(20)
  await expect(panel.locator('.matrix-button')).toHaveCount(0)
  await page.screenshot({ path: 'artifacts/screenshots/issue12-isolation-no-leak.png' })
  await page.getByTestId('drawer-close').click()
})

test('isolation matrix: the cross-user-leak fault shows who received whose events, with both frames', async ({ page }) => {
  await page.goto(appUrl())
  const sandbox = await openSandboxPanel(page)
  await sandbox.getByTestId('fault-search').fill('cross-user')
  await faultRow(sandbox, 'cross-user-leak').getByRole('checkbox').check()
  await applySandbox(sandbox)
  await page.getByTestId('drawer-close').click()

  await runIsolation(page, 4)
  const panel = page.getByTestId('isolation-panel')
  await expect(panel.getByTestId('isolation-verdict')).toContainText('reached the wrong user')
  const leakCells = panel.locator('.matrix-button')
  expect(await leakCells.count()).toBeGreaterThan(0)
  await leakCells.first().click()
  const detail = panel.getByTestId('leak-detail')
  await expect(detail.getByTestId('leak-pair').first()).toContainText('certain')
  await expect(detail.getByTestId('leak-pair').first()).toContainText('received by isolation-user-')
  await expect(detail.getByTestId('leak-pair').first()).toContainText('owned by isolation-user-')
  await expect(page.getByTestId('open-isolation').locator('.attention-dot')).toBeVisible()
  await page.screenshot({ path: 'artifacts/screenshots/issue12-isolation-leak.png' })
  await page.getByTestId('drawer-close').click()
})
