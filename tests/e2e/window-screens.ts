import { expect, type Page } from '@playwright/test'
import { appUrl } from './app-url'
import { startSession } from './connect-sandbox'
import { openPanel } from './settings-helpers'

/** The five screens the window is judged by (issue 13): three tabs of a session and two settings panels. */
export const SCREENS = ['overview', 'frames', 'runs', 'environments', 'credentials'] as const
/** One of the judged screens. */
export type Screen = (typeof SCREENS)[number]

/** The two themes, forced through the UI's override (which is what a user does). */
export const THEMES = ['light', 'dark'] as const
/** A forced theme. */
export type Theme = (typeof THEMES)[number]

/** Load the app with `theme` forced, and make sure it shows a session whose run finished (so every screen has content). */
export async function openWithFinishedRun(page: Page, theme: Theme): Promise<void> {
  await page.goto(appUrl())
  await chooseTheme(page, theme)
  await expect(page.getByTestId('env-kind')).toHaveText('sandbox')
  const finished = page.locator('[data-testid="run"][data-status="completed"]')
  if ((await finished.count()) > 0) return
  await startSession(page)
  await expect(page.getByTestId('session-state')).toHaveAttribute('data-state', 'open')
  await page.getByTestId('composer-send').click()
  await expect(finished.first()).toBeVisible({ timeout: 90_000 })
}

/** Force a theme through the top bar's control and wait until the document uses it. */
export async function chooseTheme(page: Page, theme: Theme | 'system'): Promise<void> {
  await page.getByTestId('theme-select').selectOption(theme)
  if (theme === 'system') await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./)
  else await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
}

/** Bring `screen` into view (closing any open side panel first). */
export async function showScreen(page: Page, screen: Screen): Promise<void> {
  if (screen === 'environments' || screen === 'credentials') {
    await page.getByTestId('main-tab-overview').click()
    await openPanel(page, screen)
    return
  }
  if (await page.getByTestId('drawer-close').isVisible()) await page.getByTestId('drawer-close').click()
  const tab = screen === 'runs' ? 'timeline' : screen
  await page.getByTestId(`main-tab-${tab}`).click()
  await expect(page.getByTestId('main-area')).toHaveAttribute('data-tab', tab)
  if (screen === 'frames') await expect(page.getByTestId('frame-row').first()).toBeVisible()
}
