import { expect, test } from '@playwright/test'
import { appUrl } from './app-url'
import { closeOpenSession } from './connect-sandbox'
import { deleteCredential, fakeJwt, openPanel, useMemoryFallback } from './settings-helpers'

test('a token of another environment: Connect asks first, naming the host, and Cancel sends nothing', async ({ page }) => {
  await page.goto(appUrl())
  const panel = await openPanel(page, 'credentials')
  await useMemoryFallback(panel)
  await panel.getByTestId('add-credential').click()
  const form = panel.getByTestId('add-credential-form')
  await form.getByTestId('credential-environment').selectOption('staging')
  await form.getByTestId('credential-label-input').fill('alice')
  await form.getByTestId('credential-secret').fill(fakeJwt({ sub: 'alice', env: 'staging', exp: Math.floor(Date.now() / 1000) + 3600 }))
  await form.getByTestId('add-credential-submit').click()
  await expect(form.getByTestId('add-credential-status')).toContainText('Added “alice”')
  await form.getByRole('button', { name: 'Close the form' }).click()
  await page.getByTestId('drawer-close').click()

  await closeOpenSession(page)
  await page.getByTestId('env-select').selectOption('production')
  const row = page.getByTestId('credential-select').locator('option', { hasText: 'token: staging/alice' })
  await page.getByTestId('credential-select').selectOption(String(await row.getAttribute('value')))
  await page.getByTestId('connect-button').click()
  const dialog = page.getByRole('alertdialog')
  await expect(dialog).toContainText('Send the token of ‘staging/alice’ to api.netrasystems.ai?')
  await expect(page.getByTestId('foreign-host-cancel')).toBeFocused()
  await page.screenshot({ path: 'artifacts/screenshots/foreign-host-confirm.png' })
  await page.getByTestId('foreign-host-cancel').click()
  await expect(dialog).toHaveCount(0)
  await expect(page.getByTestId('session-state')).not.toHaveAttribute('data-state', 'connecting')
  await expect(page.getByTestId('connect-button')).toHaveText('Connect')

  const reopened = await openPanel(page, 'credentials')
  await deleteCredential(reopened.locator('[data-testid="credential-row"][data-label="alice"]'))
})
