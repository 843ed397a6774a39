import { expect, test, type Page } from '@playwright/test'
import { appUrl } from './app-url'
import { connectSandbox, leaveSmallNewestSession } from './connect-sandbox'

const COUNT = 100_000

const ROW_HEIGHT = 22

/** The rows the virtual list renders, top to bottom: seq and position in the list. */
async function renderedRows(page: Page): Promise<{ seq: number; index: number }[]> {
  return page.getByTestId('frame-row').evaluateAll((rows) =>
    rows
      .map((row) => ({ seq: Number(row.getAttribute('data-seq')), index: Number(row.getAttribute('data-index')) }))
      .sort((a, b) => a.index - b.index)
  )
}

// The flood stays the newest session otherwise, and every later spec's page would load it first.
test.afterEach(async ({ page }) => leaveSmallNewestSession(page))

test('a 100 000-frame flood: every frame counted, the list complete and responsive, and again after a reload', async ({ page }) => {
  // The flood, then the page reloaded on it: minutes on a loaded machine.
  test.setTimeout(420_000)
  await page.goto(appUrl())
  await connectSandbox(page)
  // The list is a tab beside the Overview.
  await page.getByTestId('main-tab-frames').click()

  await page.getByTestId('composer-mode').selectOption('raw')
  await page.getByTestId('composer-text').fill(JSON.stringify({ type: 'flood', payload: { count: COUNT } }))
  const started = Date.now()
  await page.getByTestId('composer-send').click()

  // flood_complete is the last frame of the flood; with follow-tail on it is in view once it lands.
  await expect(page.locator('[data-testid="frame-row"]', { hasText: 'flood_complete' })).toBeVisible({ timeout: 120_000 })
  const elapsedMs = Date.now() - started

  const framesIn = Number(await page.getByTestId('counter-in').getAttribute('data-frames'))
  expect(framesIn).toBeGreaterThanOrEqual(COUNT + 2) // + connection_established and flood_complete
  const rowCount = Number(await page.getByTestId('row-count').getAttribute('data-total'))
  expect(rowCount).toBeGreaterThanOrEqual(COUNT + 4) // + session start, handshake, our flood request
  // The visible counter, not just its attribute, shows every frame.
  await expect(page.getByTestId('counter-in')).toContainText(String(framesIn).replace(/\B(?=(\d{3})+(?!\d))/g, ' '))

  // The DOM holds a window of rows, never the whole list.
  expect(await page.getByTestId('frame-row').count()).toBeLessThan(120)

  // Jump to a few positions: each shows consecutive seq numbers, and the seq at list
  // position i is always firstSeq + i — so nothing is missing anywhere before it either.
  const list = page.getByTestId('frame-list')
  const scrollHeight = await list.evaluate((el) => el.scrollHeight)
  await list.evaluate((el) => el.scrollTo({ top: 0 }))
  await expect.poll(async () => (await renderedRows(page))[0]?.index).toBe(0)
  const firstSeq = (await renderedRows(page))[0].seq
  for (const fraction of [0.07, 0.31, 0.5, 0.77, 0.93]) {
    const top = Math.floor(scrollHeight * fraction)
    await list.evaluate((el, y) => el.scrollTo({ top: y }), top)
    await expect
      .poll(async () => {
        const rows = await renderedRows(page)
        return rows.length > 10 && rows.some((row) => row.index === Math.floor(top / ROW_HEIGHT))
      })
      .toBe(true)
    const rows = await renderedRows(page)
    rows.forEach((row, i) => {
      expect(row.index).toBe(rows[0].index + i)
      expect(row.seq).toBe(firstSeq + row.index)
    })
  }
  await expect(page.getByTestId('follow-tail')).not.toBeChecked()

  // Keyboard: End selects the newest frame (the flood's last, or a heartbeat after it on a slow machine).
  await list.focus()
  const newest = Number(await page.getByTestId('row-count').getAttribute('data-total')) - 1 + firstSeq
  await page.keyboard.press('End')
  await expect(page.getByTestId('frame-detail')).toHaveAttribute('data-seq', String(newest))
  // The detail shows the whole record, fetched by range if the window no longer holds it.
  await page.locator('[data-testid="frame-row"]', { hasText: 'flood_complete' }).click()
  await expect(page.getByTestId('detail-label')).toHaveText('flood_complete')
  await expect(page.getByTestId('json-tree')).toContainText(String(COUNT))

  test.info().annotations.push({ type: 'flood-ui-ms', description: String(elapsedMs) })
  console.log(`flood of ${COUNT} frames: UI showed flood_complete after ${elapsedMs} ms`)
  await page.screenshot({ path: 'artifacts/screenshots/flood.png', fullPage: true })

  await page.getByTestId('connect-button').click()
  await expect(page.getByTestId('session-state')).toHaveAttribute('data-state', 'closed')

  // Reloading the page: the whole backlog comes back in pages, every record present and in order.
  const listed = Number(await page.getByTestId('row-count').getAttribute('data-total'))
  await page.reload()
  await page.getByTestId('main-tab-frames').click()
  await expect
    .poll(async () => Number(await page.getByTestId('row-count').getAttribute('data-total')), { timeout: 150_000 })
    .toBe(listed)
  for (const fraction of [0, 0.42, 1]) {
    const index = Math.min(listed - 1, Math.floor(listed * fraction))
    await list.evaluate((el, y) => el.scrollTo({ top: y }), index * ROW_HEIGHT)
    await expect.poll(async () => (await renderedRows(page)).some((row) => row.index === index)).toBe(true)
    const rows = await renderedRows(page)
    rows.forEach((row, i) => {
      expect(row.index).toBe(rows[0].index + i)
      expect(row.seq).toBe(firstSeq + row.index)
    })
  }
})
