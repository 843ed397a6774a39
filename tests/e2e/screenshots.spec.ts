import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { openWithFinishedRun, SCREENS, showScreen, THEMES, chooseTheme } from './window-screens'

const OUT = join(__dirname, '..', '..', 'artifacts', 'screenshots')
/**
 * The smallest supported window, where things overflow and overlap, is checked in `npm test`. The
 * largest only adds screenshots (nothing is asserted there) and ten 2560×1440 PNGs cost as much as
 * the checks: it runs with NETRA_BENCH_UI=1 (`npm run bench:ui`), which writes all twenty.
 */
const SIZES = [{ width: 1024, height: 700 }, ...(process.env.NETRA_BENCH_UI ? [{ width: 2560, height: 1440 }] : [])]
const SIZE_NAMES = SIZES.map((size) => `${size.width}×${size.height}`).join(' and ')

/** Elements whose content must fit their box at any supported window size (checked at the smallest). */
const MUST_NOT_OVERFLOW = ['.top-bar-row', '.connection-bar', '.main-tabs', '.area-sidebar', '.area-bottom', '.panel-header', '.frame-columns', '.verdict-line']

/** Everything in `selector` that scrolls sideways (content wider than its box), described for the failure message. */
async function overflowing(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((elements) =>
    elements
      .filter((element) => element.scrollWidth > element.clientWidth + 1)
      .map((element) => `${element.className}: ${element.scrollWidth} > ${element.clientWidth}`)
  )
}

/** Pairs of the top bar's direct items whose boxes overlap (the verdict header overlapped itself at 1024×700). */
async function overlappingHeaderItems(page: Page): Promise<string[]> {
  return page
    .locator('.top-bar-row, .connection-bar, .verdict-header')
    .evaluateAll((rows) => {
      const found: string[] = []
      for (const row of rows) {
        const boxes = [...row.children]
          .map((child) => ({ name: child.className || child.tagName, box: child.getBoundingClientRect() }))
          .filter(({ box }) => box.width > 0 && box.height > 0)
        for (let i = 0; i < boxes.length; i++)
          for (let j = i + 1; j < boxes.length; j++) {
            const a = boxes[i].box
            const b = boxes[j].box
            const overlap = Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1
            if (overlap) found.push(`${boxes[i].name} × ${boxes[j].name}`)
          }
      }
      return found
    })
}

test.beforeAll(() => mkdirSync(OUT, { recursive: true }))

for (const theme of THEMES) {
  test(`the window at ${SIZE_NAMES} in the ${theme} theme: every screen fits, nothing overlaps`, async ({ page }) => {
    // Up to twenty screenshots, ten of them 2560×1440: bounded, but longer than one spec's default on a loaded machine.
    test.setTimeout(600_000)
    await page.setViewportSize(SIZES[0])
    await openWithFinishedRun(page, theme)
    for (const size of SIZES) {
      await page.setViewportSize(size)
      for (const screen of SCREENS) {
        await showScreen(page, screen)
        if (size.width === 1024) {
          for (const selector of MUST_NOT_OVERFLOW) expect.soft(await overflowing(page, selector), `${screen}: ${selector}`).toEqual([])
          expect.soft(await overlappingHeaderItems(page), screen).toEqual([])
        }
        await page.screenshot({ path: join(OUT, `window-${size.width}x${size.height}-${theme}-${screen}.png`) })
      }
    }
    await chooseTheme(page, 'system')
  })
}
