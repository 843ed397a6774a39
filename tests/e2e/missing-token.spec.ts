import { expect, test } from '@playwright/test'
import { appUrl } from './app-url'

test('without its token the page explains where to get the right link', async ({ page }) => {
  const url = new URL(appUrl())
  url.search = ''
  await page.goto(url.toString())
  const notice = page.getByTestId('missing-token')
  await expect(notice).toContainText('npm start')
  await expect(notice).toContainText('netra-diag serve')
  await page.screenshot({ path: 'artifacts/screenshots/missing-token.png' })
})
