import { expect, test, type Locator } from '@playwright/test'
import { appUrl } from './app-url'

async function width(locator: Locator): Promise<number> {
  return (await locator.boundingBox())?.width ?? 0
}

test('panels resize and collapse from the keyboard and by dragging, and the sizes survive a relaunch', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.goto(appUrl())
  const sidebar = page.locator('#area-sidebar')
  const bottom = page.locator('#area-bottom')
  const sidebarHandle = page.getByTestId('resize-sidebar')
  await expect(sidebar).toBeVisible()
  const before = await width(sidebar)

  // Keyboard: Shift+→ grows by 64 px, and the separator reports its value.
  await sidebarHandle.focus()
  await page.keyboard.press('Shift+ArrowRight')
  await expect.poll(() => width(sidebar)).toBeCloseTo(before + 64, 0)
  await expect(sidebarHandle).toHaveAttribute('aria-valuenow', String(Math.round(before + 64)))

  // Dragging the handle 40 px left narrows it by as much.
  const box = await sidebarHandle.boundingBox()
  if (!box) throw new Error('the sidebar handle has no box')
  await page.mouse.move(box.x + box.width / 2, box.y + 200)
  await page.mouse.down()
  await page.mouse.move(box.x + box.width / 2 - 40, box.y + 200, { steps: 4 })
  await page.mouse.up()
  await expect.poll(() => width(sidebar)).toBeCloseTo(before + 24, 0)

  // Enter collapses the bottom panels; the main area takes their height.
  const mainBefore = (await page.getByTestId('main-area').boundingBox())?.height ?? 0
  await page.getByTestId('resize-bottom').focus()
  await page.keyboard.press('Enter')
  await expect(bottom).toBeHidden()
  expect((await page.getByTestId('main-area').boundingBox())?.height ?? 0).toBeGreaterThan(mainBefore)
  await expect(page.getByTestId('toggle-bottom')).toHaveAttribute('aria-pressed', 'false')

  // A relaunch (reload) keeps both.
  await page.reload()
  await expect(page.getByTestId('env-kind')).toHaveText('sandbox')
  await expect(bottom).toBeHidden()
  await expect.poll(() => width(sidebar)).toBeCloseTo(before + 24, 0)

  // The top bar's toggle brings the panels back; put the sidebar back for the other specs.
  await page.getByTestId('toggle-bottom').click()
  await expect(bottom).toBeVisible()
  await sidebarHandle.focus()
  await page.keyboard.press('Home')
  await page.evaluate(() => localStorage.clear())
})

test('the theme follows the OS until overridden, and the override is remembered', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' })
  await page.goto(appUrl())
  const background = (): Promise<string> => page.evaluate(() => getComputedStyle(document.body).backgroundColor)
  await expect(page.getByTestId('theme-select')).toHaveValue('system')
  const light = await background()
  await page.emulateMedia({ colorScheme: 'dark' })
  await expect.poll(background).not.toBe(light)
  const dark = await background()

  await page.getByTestId('theme-select').selectOption('light')
  await expect.poll(background).toBe(light)
  await page.reload()
  await expect(page.getByTestId('theme-select')).toHaveValue('light')
  expect(await background()).toBe(light)

  await page.getByTestId('theme-select').selectOption('system')
  await expect.poll(background).toBe(dark)
})
