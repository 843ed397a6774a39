import { randomBytes } from 'node:crypto'
import { expect, test } from '@playwright/test'
import { appUrl } from './app-url'
import {
  deleteCredential,
  fakeJwt,
  openPanel,
  startStandaloneSandbox,
  useMemoryFallback
} from './settings-helpers'

const HOUR_S = 3600
const nowS = (): number => Math.floor(Date.now() / 1000)

test('environments: paste a staging URL, edit and save it, reset a built-in, delete it', async ({ page }) => {
  await page.goto(appUrl())
  const panel = await openPanel(page, 'environments')
  await expect(panel.locator('[data-testid="env-item"][data-env-id="sandbox"]')).toBeVisible()

  // Paste: the kind, URLs and name are filled in from it.
  await panel.getByTestId('env-add').click()
  await panel.getByTestId('env-paste-url').fill('https://api.acme-staging.example.com')
  const editor = panel.getByTestId('env-editor')
  await expect(editor.getByTestId('env-ws-url')).toHaveValue('wss://api.acme-staging.example.com/ws')
  await expect(editor.getByTestId('url-kind-badge')).toHaveAttribute('data-kind', 'staging')
  await expect(editor.getByTestId('env-http-base')).toHaveValue('https://api.acme-staging.example.com')
  await expect(editor.getByTestId('env-name')).toHaveValue('api.acme-staging.example.com')
  await editor.getByTestId('env-name').fill('Acme staging')
  await panel.getByTestId('env-save').click()
  const item = panel.locator('[data-testid="env-item"][data-env-id="acme-staging"]')
  await expect(item).toHaveAttribute('aria-current', 'true')
  await expect(item.getByTestId('env-kind')).toHaveText('staging')
  await expect(panel.getByTestId('env-status')).toContainText('Saved')

  // Edit: problems show inline and block Save; nothing typed is lost.
  await editor.getByTestId('env-ws-url').fill('https://api.acme-staging.example.com/v2/ws')
  await expect(editor.getByTestId('field-problem').first()).toContainText('must start with ws:// or wss://')
  await expect(panel.getByTestId('env-save')).toBeDisabled()
  await editor.getByTestId('env-ws-url').fill('wss://api.acme-staging.example.com/v2/ws')
  await editor.getByTestId('env-retry-attempts').fill('5')
  await editor.getByTestId('env-sla-full').fill('90000')
  await editor.getByTestId('env-auth-base').fill('https://auth.acme-staging.example.com')
  await expect(item.getByTestId('env-item-dirty')).toBeVisible()
  await panel.getByTestId('env-save').click()
  await expect(panel.getByTestId('env-status')).toContainText('Saved')
  await expect(item.getByTestId('env-item-dirty')).toHaveCount(0)
  await page.screenshot({ path: 'artifacts/screenshots/environments.png' })

  // Saved in the settings file: a fresh page reads it back.
  await page.reload()
  const reopened = await openPanel(page, 'environments')
  await reopened.locator('[data-testid="env-item"][data-env-id="acme-staging"]').click()
  await expect(reopened.getByTestId('env-ws-url')).toHaveValue('wss://api.acme-staging.example.com/v2/ws')
  await expect(reopened.getByTestId('env-retry-attempts')).toHaveValue('5')
  await expect(reopened.getByTestId('env-sla-full')).toHaveValue('90000')
  await expect(page.getByTestId('env-select').locator('option', { hasText: 'Acme staging' })).toHaveCount(1)

  // A built-in: edited, marked, then reset.
  const local = reopened.locator('[data-testid="env-item"][data-env-id="local"]')
  await local.click()
  await expect(reopened.getByTestId('env-kind-select')).toHaveCount(0)
  await reopened.getByTestId('env-retry-attempts').fill('4')
  await reopened.getByTestId('env-save').click()
  await expect(local.getByTestId('env-item-customized')).toBeVisible()
  await reopened.getByTestId('env-reset').click()
  await expect(local.getByTestId('env-item-customized')).toHaveCount(0)
  await expect(reopened.getByTestId('env-retry-attempts')).toHaveValue('1')

  // Delete, through the confirmation.
  await reopened.locator('[data-testid="env-item"][data-env-id="acme-staging"]').click()
  await reopened.getByTestId('env-delete').click()
  await expect(reopened.getByTestId('env-delete-confirm')).toContainText('Acme staging')
  await reopened.getByTestId('env-delete-confirmed').click()
  await expect(reopened.locator('[data-testid="env-item"][data-env-id="acme-staging"]')).toHaveCount(0)
  await expect(page.getByTestId('env-select').locator('option', { hasText: 'Acme staging' })).toHaveCount(0)
})

test('credentials: keychain cause and fix, memory opt-in, claims and expiry, mismatch flag, rename, delete', async ({
  page
}) => {
  await page.goto(appUrl())
  const panel = await openPanel(page, 'credentials')
  const status = panel.getByTestId('keychain-status')
  await expect(status).toHaveAttribute('data-available', 'false')
  await expect(panel.getByTestId('keychain-cause')).not.toBeEmpty()
  await expect(panel.getByTestId('keychain-fix')).not.toBeEmpty()
  if (await panel.getByTestId('memory-fallback-on').isVisible())
    await panel.getByTestId('memory-fallback-off').click()
  await expect(panel.getByTestId('use-memory-fallback')).toHaveText('Use session-only memory for this run')
  await expect(status).toContainText('never written to disk')

  const prodToken = fakeJwt({
    sub: 'user-4711',
    email: 'ana@customer.example',
    env: 'staging',
    exp: nowS() + 3 * HOUR_S
  })
  await panel.getByTestId('add-credential').click()
  const form = panel.getByTestId('add-credential-form')
  await form.getByTestId('credential-environment').selectOption('production')
  await form.getByTestId('credential-label-input').fill('customer 4711')
  await form.getByTestId('credential-secret').fill(prodToken)
  // Without the keychain or the opt-in there is nowhere to keep it: refused, with the reason, and nothing typed lost.
  await form.getByTestId('add-credential-submit').click()
  await expect(form.getByTestId('add-credential-error')).toContainText('the OS keychain is unavailable')
  await expect(form.getByTestId('credential-secret')).toHaveValue(prodToken)

  await page.screenshot({ path: 'artifacts/screenshots/credentials-keychain-unavailable.png' })

  await useMemoryFallback(panel)
  await form.getByTestId('add-credential-submit').click()
  await expect(form.getByTestId('add-credential-status')).toContainText('Added “customer 4711”')
  await expect(form.getByTestId('credential-secret')).toHaveValue('')

  // An expired staging token beside it.
  await form.getByTestId('credential-environment').selectOption('staging')
  await form.getByTestId('credential-label-input').fill('old staging token')
  await form
    .getByTestId('credential-secret')
    .fill(fakeJwt({ sub: 'qa-bot', email: 'qa@netrasystems.ai', env: 'staging', exp: nowS() - 2 * HOUR_S }))
  await form.getByTestId('add-credential-submit').click()
  await expect(form.getByTestId('add-credential-status')).toContainText('Added “old staging token”')
  await form.getByRole('button', { name: 'Close the form' }).click()

  const prod = panel.locator('[data-testid="credential-row"][data-label="customer 4711"]')
  await expect(prod.getByTestId('credential-storage')).toHaveText('memory · this run')
  await expect(prod.locator('[data-claim="sub"] dd')).toHaveText('user-4711')
  await expect(prod.locator('[data-claim="email"] dd')).toHaveText('ana@customer.example')
  await expect(prod.locator('[data-claim="env"] dd')).toHaveText('staging')
  await expect(prod.getByTestId('expiry-badge')).toHaveAttribute('data-expiry', 'valid')
  await expect(prod.getByTestId('expiry-badge')).toContainText(/expires in 2 h 5\d min|expires in 3 h/)
  // A staging token kept for production: the server would refuse it.
  await expect(prod.getByTestId('credential-mismatch')).toContainText(
    'staging token for a production environment'
  )
  const old = panel.locator('[data-testid="credential-row"][data-label="old staging token"]')
  await expect(old.getByTestId('expiry-badge')).toHaveAttribute('data-expiry', 'expired')
  await expect(old.getByTestId('credential-mismatch')).toHaveCount(0)
  // The token itself is nowhere on the page.
  expect(await page.content()).not.toContain(prodToken.split('.')[1])
  await page.screenshot({ path: 'artifacts/screenshots/credentials.png' })

  await prod.getByTestId('credential-rename').click()
  await prod.getByTestId('credential-rename-input').fill('customer 4711 (prod)')
  await prod.getByTestId('credential-rename-save').click()
  const renamed = panel.locator('[data-testid="credential-row"][data-label="customer 4711 (prod)"]')
  await expect(renamed.getByTestId('credential-label')).toHaveText('customer 4711 (prod)')

  // Picked for the next session: the top bar warns before anyone connects.
  const renamedId = String(await renamed.getAttribute('data-credential-id'))
  await renamed.getByTestId('credential-use').click()
  await expect(renamed.getByTestId('credential-in-use')).toBeVisible()
  await page.getByTestId('drawer-close').click()
  await expect(page.getByTestId('env-select')).toHaveValue('production')
  await expect(page.getByTestId('credential-select')).toHaveValue(renamedId)
  await expect(page.getByTestId('credential-warning')).toHaveText('⚠ staging token on production')
  await page.screenshot({ path: 'artifacts/screenshots/credential-picker.png' })

  const reopened = await openPanel(page, 'credentials')
  await deleteCredential(
    reopened.locator('[data-testid="credential-row"][data-label="customer 4711 (prod)"]')
  )
  await deleteCredential(reopened.locator('[data-testid="credential-row"][data-label="old staging token"]'))
  await expect(page.getByTestId('credential-select')).toHaveValue('')
  await expect(page.getByTestId('credential-warning')).toHaveCount(0)
})

test('mint an E2E token with a simulation key, connect with it, and clean up', async ({ page }) => {
  const key = `e2e-sim-${randomBytes(12).toString('hex')}`
  const sandbox = await startStandaloneSandbox(key)
  try {
    await page.goto(appUrl())
    const environments = await openPanel(page, 'environments')
    await environments.getByTestId('env-add').click()
    await environments.getByTestId('env-paste-url').fill(sandbox.wsUrl)
    await expect(environments.getByTestId('url-kind-badge')).toHaveAttribute('data-kind', 'local')
    await environments.getByTestId('env-name').fill('Mint sandbox')
    await environments.getByTestId('env-auth-base').fill(sandbox.authUrl)
    await environments.getByTestId('env-save').click()
    await expect(
      environments.locator('[data-testid="env-item"][data-env-id="mint-sandbox"]')
    ).toHaveAttribute('aria-current', 'true')

    const panel = await openPanel(page, 'credentials')
    await useMemoryFallback(panel)
    await panel.getByTestId('add-credential').click()
    const form = panel.getByTestId('add-credential-form')
    await form.getByTestId('credential-environment').selectOption('mint-sandbox')
    await form.getByTestId('credential-kind').selectOption('e2e-simulation-key')
    await form.getByTestId('credential-label-input').fill('qa key')
    await form.getByTestId('credential-secret').fill(key)
    await form.getByTestId('add-credential-submit').click()
    await expect(form.getByTestId('add-credential-status')).toContainText('Added')

    await panel
      .locator('[data-testid="credential-row"][data-label="qa key"]')
      .getByTestId('credential-mint')
      .click()
    const mint = panel.getByTestId('mint-form')
    await mint.getByTestId('mint-email').fill('qa.e2e@netrasystems.ai')
    await mint.getByTestId('mint-submit').click()
    const result = mint.getByTestId('mint-result')
    await expect(result).toContainText('qa.e2e@netrasystems.ai')
    await expect(result.getByTestId('expiry-badge')).toHaveAttribute('data-expiry', 'valid')
    await page.screenshot({ path: 'artifacts/screenshots/credentials-mint.png' })
    await result.getByTestId('mint-use').click()
    await expect(page.getByTestId('env-select')).toHaveValue('mint-sandbox')
    await expect(page.getByTestId('credential-select')).not.toHaveValue('')

    // The minted token authenticates a real session against the standalone sandbox.
    await page.getByTestId('drawer-close').click()
    await page.getByTestId('connect-button').click()
    await expect(page.getByTestId('session-state')).toHaveAttribute('data-state', 'open')
    await page.getByTestId('connect-button').click()
    await expect(page.getByTestId('connect-button')).toHaveText('Connect')

    // The environment still has credentials: the backend's refusal is shown, then honoured once they are gone.
    const again = await openPanel(page, 'environments')
    await again.locator('[data-testid="env-item"][data-env-id="mint-sandbox"]').click()
    await again.getByTestId('env-delete').click()
    await again.getByTestId('env-delete-confirmed').click()
    await expect(again.getByTestId('env-error')).toContainText('still has 2 credential(s)')
    const credentials = await openPanel(page, 'credentials')
    const rows = credentials.locator(
      '[data-testid="credential-group"][data-environment-id="mint-sandbox"] [data-testid="credential-row"]'
    )
    await expect(rows).toHaveCount(2)
    for (const label of await rows.evaluateAll((elements) =>
      elements.map((element) => element.getAttribute('data-label') ?? '')
    ))
      await deleteCredential(credentials.locator(`[data-testid="credential-row"][data-label="${label}"]`))
    const last = await openPanel(page, 'environments')
    await last.locator('[data-testid="env-item"][data-env-id="mint-sandbox"]').click()
    await last.getByTestId('env-delete').click()
    await last.getByTestId('env-delete-confirmed').click()
    await expect(last.locator('[data-testid="env-item"][data-env-id="mint-sandbox"]')).toHaveCount(0)
  } finally {
    await sandbox.stop()
  }
})
