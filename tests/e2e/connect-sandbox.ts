import { expect, type Page } from '@playwright/test'

/**
 * Start a new sandbox session on the loaded app. A freshly loaded page shows the newest session,
 * which may be another spec's and still open: close it first so "Connect" means a new one.
 */
export async function connectSandbox(page: Page): Promise<void> {
  await expect(page.getByTestId('env-kind')).toHaveText('sandbox')
  await startSession(page)
  await expect(page.getByTestId('session-state')).toHaveAttribute('data-state', 'open')
}

/**
 * Start a new session without insisting the connection opens: a refused upgrade is a
 * session too, and exactly what the Overview must explain.
 */
export async function startSession(page: Page): Promise<void> {
  const button = page.getByTestId('connect-button')
  await expect(button).toHaveText(/^(Connect|Disconnect)$/)
  if ((await button.textContent()) === 'Disconnect') {
    await button.click()
    await expect(button).toHaveText('Connect')
  }
  const before = await page.getByTestId('session-item').count()
  await button.click()
  // A page that has just loaded a large session's backlog answers late: wait for the new session generously.
  await expect(page.getByTestId('session-item')).toHaveCount(before + 1, { timeout: 60_000 })
}

/**
 * Leave a small closed session as the host's newest. A freshly loaded page opens the newest session,
 * so after a flood every later spec on the same web host would first load a 100 000-frame backlog
 * (5 s each on an idle machine, ~40 s on a loaded one); flood specs call this when they end.
 */
export async function leaveSmallNewestSession(page: Page): Promise<void> {
  await startSession(page)
  await expect(page.getByTestId('session-state')).toHaveAttribute('data-state', 'open')
  await page.getByTestId('connect-button').click()
  await expect(page.getByTestId('session-state')).toHaveAttribute('data-state', 'closed')
}

/**
 * End the shown session if it is still open (a spec before this one on the same web host may have
 * left it so): otherwise the Connect button reads Disconnect, and a click meant to connect closes it.
 */
export async function closeOpenSession(page: Page): Promise<void> {
  const button = page.getByTestId('connect-button')
  await expect(button).toHaveText(/^(Connect|Disconnect)$/)
  if ((await button.textContent())?.trim() !== 'Disconnect') return
  await button.click()
  await expect(button).toHaveText('Connect')
}
