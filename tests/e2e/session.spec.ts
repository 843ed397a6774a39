import { expect, test } from '@playwright/test'
import { CRITICAL_EVENTS } from '../../src/shared/protocol/agent-event'
import { appUrl } from './app-url'
import { connectSandbox } from './connect-sandbox'

const AGENTS = ['Supervisor', 'triage', 'data_helper', 'reporting']
/** What each agent sends in the sandbox's default (wrapped) event style. */
const EVENTS_OF: Record<string, readonly string[]> = {
  Supervisor: ['agent_started', 'agent_completed'],
  triage: ['agent_started', 'agent_thinking', 'agent_completed'],
  data_helper: CRITICAL_EVENTS,
  reporting: ['agent_started', 'agent_thinking', 'agent_completed']
}

test('a sandbox session: handshake, a full agent run, a normal close', async ({ page }) => {
  await page.goto(appUrl())
  // The sandbox is the default environment; its URL is only known once it has started.
  await expect(page.getByTestId('env-kind')).toHaveText('sandbox')
  await expect(page.getByTestId('env-url')).toHaveText(/embedded sandbox|^ws:\/\//)

  await connectSandbox(page)
  await expect(page.getByTestId('handshake-status')).toHaveAttribute('data-status', '101')
  const chosen = page.getByTestId('handshake-subprotocol')
  await expect(chosen).not.toHaveText('')
  await expect(chosen).not.toHaveText('none')

  await expect(page.getByTestId('composer-text')).toHaveValue('Analyse my cloud costs')
  await page.getByTestId('composer-send').click()

  const run = page.getByTestId('run').first()
  await expect(run).toHaveAttribute('data-status', 'completed', { timeout: 90_000 })
  // PROTOCOL.md §4: the Supervisor wraps the run with two events; only data_helper calls a tool.
  for (const agent of AGENTS) {
    const row = run.locator(`[data-testid="agent-row"][data-agent="${agent}"]`)
    await expect(row).toBeVisible()
    await expect(row).toHaveAttribute('data-complete', 'true')
    for (const event of CRITICAL_EVENTS) {
      const seen = EVENTS_OF[agent].includes(event)
      await expect(row.locator(`[data-testid="critical-cell"][data-event="${event}"]`)).toHaveAttribute('data-seen', String(seen))
    }
  }
  // Agents appear in the order they ran.
  const order = await run.getByTestId('agent-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-agent')))
  expect(order.filter((name) => AGENTS.includes(name ?? ''))).toEqual(AGENTS)

  // The counters and the list agree with each other.
  const framesIn = Number(await page.getByTestId('counter-in').getAttribute('data-frames'))
  expect(framesIn).toBeGreaterThan(10)

  // Filtering and selecting a frame shows it parsed (the frames are a tab beside the Overview).
  await page.getByTestId('main-tab-frames').click()
  await page.getByTestId('frame-filter').fill('agent_completed')
  await page.locator('[data-testid="frame-row"]', { hasText: 'agent_completed' }).last().click()
  await expect(page.getByTestId('detail-label')).toHaveText('agent_completed')
  await expect(page.getByTestId('json-tree')).toContainText('agent_completed')
  await page.getByTestId('frame-filter').fill('')

  await page.getByTestId('connect-button').click()
  await expect(page.getByTestId('session-state')).toHaveAttribute('data-state', 'closed')
  await expect(page.getByTestId('close-code')).toHaveText('1000')
  await expect(page.getByTestId('close-name')).toHaveText('Normal Closure')
  await expect(page.getByTestId('close-initiator')).toContainText('client')

  await page.screenshot({ path: 'artifacts/screenshots/session.png', fullPage: true })
})
