import { expect, test } from '@playwright/test'
import { appUrl } from './app-url'
import { connectSandbox } from './connect-sandbox'

/** The replay cursor as the controls show it. */
async function cursor(page: import('@playwright/test').Page): Promise<number> {
  return Number(await page.getByTestId('replay-controls').getAttribute('data-cursor'))
}

test('a closed sandbox session replays at 16×, pauses, steps and scrubs through the same views', async ({ page }) => {
  await page.goto(appUrl())
  await connectSandbox(page)
  await page.getByTestId('composer-text').fill('Analyse my cloud costs')
  await page.getByTestId('composer-send').click()
  await expect(page.getByTestId('verdict-badge')).toHaveAttribute('data-verdict', 'healthy', { timeout: 30_000 })
  await page.getByTestId('connect-button').click()
  await expect(page.getByTestId('session-state')).toHaveAttribute('data-state', 'closed')

  // Instant (default): the replay opens at the end, showing what the live session showed.
  await page.getByTestId('replay-start').click()
  await expect(page.getByTestId('replay-position')).toHaveText(/^(\d+) \/ \1 · t=/)
  const total = await cursor(page)
  expect(total).toBeGreaterThan(10)
  await expect(page.getByTestId('verdict-badge')).toHaveAttribute('data-verdict', 'healthy')

  // Scrub back to the handshake: the close is not there yet, the connection is open.
  await page.getByTestId('replay-scrub').fill('3')
  await expect(page.getByTestId('replay-position')).toHaveText(/^3 \/ /)
  await expect(page.getByTestId('close-code')).toHaveCount(0)

  // Step one frame.
  await page.getByTestId('replay-step').click()
  await expect(page.getByTestId('replay-position')).toHaveText(/^4 \/ /)

  // Play at 1×, pause midway (before the end), then play on to the end at 16×.
  await page.getByTestId('replay-speed-1').click()
  await page.getByTestId('replay-play').click()
  await expect(page.getByTestId('replay-controls')).toHaveAttribute('data-playing', 'true')
  await expect.poll(() => cursor(page), { timeout: 30_000 }).toBeGreaterThan(5)
  await page.getByTestId('replay-pause').click()
  await expect(page.getByTestId('replay-controls')).toHaveAttribute('data-playing', 'false')
  const paused = await cursor(page)
  expect(paused).toBeLessThan(total)
  await page.waitForTimeout(500)
  expect(await cursor(page)).toBe(paused)
  await page.screenshot({ path: 'artifacts/screenshots/replay-controls.png' })
  await page.getByTestId('replay-speed-16').click()
  await page.getByTestId('replay-play').click()
  await expect.poll(() => cursor(page), { timeout: 60_000 }).toBe(total)
  await expect(page.getByTestId('close-code')).toBeVisible()
  await expect(page.getByTestId('verdict-badge')).toHaveAttribute('data-verdict', 'healthy')

  await page.getByTestId('replay-exit').click()
  await expect(page.getByTestId('replay-start')).toBeVisible()
})
