import { expect, type Locator, type Page } from '@playwright/test'

/** The sandbox panel, opened from the top bar if it is not open yet. */
export async function openSandboxPanel(page: Page): Promise<Locator> {
  const panel = page.getByTestId('sandbox-panel')
  if (!(await panel.isVisible())) await page.getByTestId('sandbox-button').click()
  await expect(panel).toBeVisible()
  await expect(panel.getByTestId('fault-list')).toBeVisible()
  return panel
}

/** A fault's row in the checklist (search for it first if the list is filtered). */
export function faultRow(panel: Locator, id: string): Locator {
  return panel.locator(`[data-testid="fault-option"][data-fault="${id}"]`)
}

/** Apply the panel's edits and wait until the sandbox reports them active. */
export async function applySandbox(panel: Locator): Promise<void> {
  await panel.getByTestId('sandbox-apply').click()
  await expect(panel.getByTestId('sandbox-apply-status')).toContainText('Applied')
  await expect(panel.getByTestId('sandbox-error')).toHaveCount(0)
}

/**
 * Put the shared sandbox back to its defaults (beta-17, no faults): every spec runs against the
 * one backend of the global setup, so a spec that changes the sandbox must undo it.
 */
export async function resetSandbox(page: Page): Promise<void> {
  const panel = await openSandboxPanel(page)
  const clear = panel.getByTestId('sandbox-clear-faults')
  if (await clear.isEnabled()) {
    await clear.click()
    await expect(page.getByTestId('sandbox-fault-chip')).toHaveCount(0)
  }
  await panel.getByTestId('sandbox-generation').selectOption('beta-17')
  await panel.getByTestId('sandbox-triage').selectOption('insufficient')
  if (await panel.getByTestId('sandbox-apply').isEnabled()) await applySandbox(panel)
  await expect(page.getByTestId('sandbox-generation-chip')).toHaveText('beta-17')
  await page.getByTestId('drawer-close').click()
  await expect(panel).toHaveCount(0)
}
