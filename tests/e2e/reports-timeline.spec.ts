import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, test, type Page } from '@playwright/test'
import { WebSocketServer } from 'ws'
import { appUrl } from './app-url'
import { connectSandbox, startSession } from './connect-sandbox'
import { applySandbox, faultRow, openSandboxPanel, resetSandbox } from './sandbox-panel'
import { openPanel } from './settings-helpers'

const SHOTS = 'artifacts/screenshots'

async function withFault(page: Page, fault: string | null, triage?: string): Promise<void> {
  if (!fault) return
  const panel = await openSandboxPanel(page)
  if (triage) await panel.getByTestId('sandbox-triage').selectOption(triage)
  await panel.getByTestId('fault-search').fill(fault)
  await faultRow(panel, fault).getByRole('checkbox').check()
  await applySandbox(panel)
  await page.getByTestId('drawer-close').click()
  await expect(panel).toHaveCount(0)
}

async function sendDefault(page: Page): Promise<void> {
  await page.getByTestId('composer-send').click()
}

test.afterEach(async ({ page }) => {
  await resetSandbox(page)
})

test('report tab shows the default data request as text; frame search finds content', async ({ page }) => {
  await page.goto(appUrl())
  await connectSandbox(page)
  await sendDefault(page)
  await expect(page.getByTestId('run').first()).toHaveAttribute('data-status', 'completed', { timeout: 30_000 })

  await page.getByTestId('main-tab-report').click()
  const request = page.getByTestId('data-request')
  await expect(request).toContainText('Monthly spend per service, last 3 months')
  await expect(request).toContainText('required')
  await expect(page.getByTestId('agent-report')).toContainText('data_request_report')
  await expect(page.getByTestId('report-pane')).not.toContainText('{"')
  await page.screenshot({ path: `${SHOTS}/issue12-report-data-request.png` })

  await page.getByTestId('main-tab-timeline').click()
  await expect(page.locator('[data-testid="timeline-lane"][data-agent="reporting"]')).toHaveAttribute('data-state', 'ran')
  await expect(page.locator('[data-testid="sla-band"][data-breached="true"]')).toHaveCount(0)
  await page.screenshot({ path: `${SHOTS}/issue12-timeline-healthy.png` })

  // Click to the frame: a marker opens its frame in the Frames tab.
  const marker = page.getByTestId('timeline-marker').first()
  const markerSeq = await marker.getAttribute('data-seq')
  await marker.click()
  await expect(page.getByTestId('main-area')).toHaveAttribute('data-tab', 'frames')
  await expect(page.locator(`[data-testid="frame-row"][data-seq="${markerSeq}"]`)).toHaveAttribute('aria-selected', 'true')

  // SLA budgets are the environment's, editable: a 1 ms data-processing budget turns the same run into a breach.
  const environments = await openPanel(page, 'environments')
  await environments.locator('[data-testid="env-item"][data-env-id="sandbox"]').click()
  await environments.getByTestId('env-sla-data').fill('1')
  await environments.getByTestId('env-save').click()
  await expect(environments.getByTestId('env-status')).toContainText('Saved')
  await page.getByTestId('drawer-close').click()
  await page.getByTestId('main-tab-timeline').click()
  await expect(page.locator('[data-testid="sla-band"][data-sla="data"]')).toHaveAttribute('data-breached', 'true')
  await expect(page.getByTestId('timeline-summary')).toContainText('SLA breached: data processing < 0.001 s')
  const restore = await openPanel(page, 'environments')
  await restore.locator('[data-testid="env-item"][data-env-id="sandbox"]').click()
  await restore.getByTestId('env-reset').click()
  await expect(restore.getByTestId('env-sla-data')).toHaveValue('5000')
  await page.getByTestId('drawer-close').click()
  await expect(page.locator('[data-testid="sla-band"][data-breached="true"]')).toHaveCount(0)

  await page.getByTestId('main-tab-frames').click()
  await page.getByTestId('frame-search-input').fill('cloud costs')
  await expect(page.getByTestId('search-status')).toHaveAttribute('data-matches', /^[1-9]/)
  const matches = Number(await page.getByTestId('search-status').getAttribute('data-matches'))
  await expect(page.getByTestId('frame-row')).toHaveCount(matches)
  await page.getByTestId('search-next').click()
  await expect(page.getByTestId('detail-raw')).toContainText(/cloud costs/i)
  const first = await page.locator('[data-testid="frame-row"][aria-selected="true"]').getAttribute('data-seq')
  if (matches > 1) {
    await page.getByTestId('search-next').click()
    await expect(page.locator('[data-testid="frame-row"][aria-selected="true"]')).not.toHaveAttribute('data-seq', String(first))
    await page.getByTestId('search-prev').click()
    await expect(page.locator('[data-testid="frame-row"][aria-selected="true"]')).toHaveAttribute('data-seq', String(first))
  }
  // Clock time beside the offset, UTC on hover.
  const time = page.locator('[data-testid="frame-row"][aria-selected="true"] .c-time')
  await expect(time.locator('.c-clock')).toHaveText(/\d\d:\d\d:\d\d/)
  await expect(time).toHaveAttribute('title', /\d\d:\d\d:\d\d.*UTC/)
  await page.screenshot({ path: `${SHOTS}/issue12-frame-search.png` })

  // Direction filter: only what we sent; resend the user_message and it is on the wire again.
  await page.getByTestId('frame-search-input').fill('')
  await page.getByTestId('frame-direction').selectOption('out')
  const sent = await page.getByTestId('frame-row').count()
  expect(sent).toBeGreaterThan(0)
  for (const dir of await page.locator('[data-testid="frame-row"] .c-dir').all()) await expect(dir).toHaveClass(/dir-out/)
  await page.getByTestId('frame-search-input').fill('user_message')
  await page.getByTestId('search-next').click()
  await expect(page.getByTestId('resend-frame')).toBeEnabled()
  await page.getByTestId('resend-frame').click()
  await page.getByTestId('frame-search-input').fill('')
  await expect(page.getByTestId('frame-row')).toHaveCount(sent + 1)
  await page.getByTestId('frame-direction').selectOption('any')
  await page.getByTestId('frame-search-regex').click()
  await page.getByTestId('frame-search-input').fill('cloud(')
  await expect(page.getByTestId('search-status')).toContainText('Invalid regular expression')
  await page.getByTestId('frame-search-input').fill('')
  await page.getByTestId('frame-search-regex').click()
})

for (const c of [
  { fault: 'slow-llm', expect: 'sla' },
  { fault: 'agent-death', expect: 'missing' },
  // Triage "sufficient": the pipeline it announces runs data and optimization, so the fault's swap is a crossing of expected lanes.
  { fault: 'optimization-before-data', expect: 'inversion', triage: 'sufficient' }
] as const) {
  test(`timeline of ${c.fault}`, async ({ page }) => {
    await page.goto(appUrl())
    await withFault(page, c.fault, 'triage' in c ? c.triage : undefined)
    await connectSandbox(page)
    await sendDefault(page)
    await page.getByTestId('main-tab-timeline').click()
    if (c.expect === 'sla') {
      await expect(page.locator('[data-testid="sla-band"][data-sla="data"]')).toHaveAttribute('data-breached', 'true', { timeout: 30_000 })
    } else if (c.expect === 'missing') {
      await expect(page.locator('[data-testid="timeline-lane"][data-agent="reporting"]')).toHaveAttribute('data-state', 'never-started', { timeout: 30_000 })
      await expect(page.getByTestId('timeline-chart')).toContainText('reporting never started')
    } else {
      await expect(page.getByTestId('order-inversion').first()).toBeVisible({ timeout: 30_000 })
      await expect(page.getByTestId('timeline-summary')).toContainText('optimization before data')
    }
    // Hover a marker for its details.
    // The first marker (the run's start) is never under a gap label or the legend; bounded, so a miss fails fast.
    await page.getByTestId('timeline-marker').first().hover({ timeout: 15_000 })
    await expect(page.getByTestId('timeline-hover')).toContainText('frame #')
    await page.screenshot({ path: `${SHOTS}/issue12-timeline-${c.fault}.png` })
    await page.getByTestId('connect-button').click()
  })
}

/** A minimal protocol-speaking server whose data helper fails and whose reporting agent falls back. */
async function startFallbackServer(): Promise<{ url: string; server: Server }> {
  const server = createServer((_request, response) => {
    response.on('error', () => undefined)
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'healthy' }))
  })
  const wss = new WebSocketServer({ server, path: '/ws' })
  wss.on('error', () => undefined)
  wss.on('connection', (socket) => {
    socket.on('error', () => undefined)
    const send = (value: unknown): void => socket.send(JSON.stringify(value))
    send({ type: 'connection_established', data: { mode: 'test', user_id: 'u1', connection_id: 'c1' }, timestamp: Date.now() / 1000 })
    socket.on('message', () => {
      const run = { run_id: 'run_fallback1', thread_id: 'thread_1', user_id: 'u1' }
      const ev = (type: string, agent: string, data: Record<string, unknown>): void =>
        send({ type, ...run, agent_name: agent, timestamp: new Date().toISOString(), data })
      ev('agent_started', 'Supervisor', { status: 'started' })
      ev('agent_started', 'triage', { status: 'started' })
      ev('agent_completed', 'triage', { status: 'completed', result: { data_sufficiency: 'insufficient' } })
      ev('agent_started', 'data_helper', { status: 'started' })
      ev('agent_thinking', 'data_helper', { status: 'thinking', reasoning: 'Drafting a data request' })
      ev('agent_completed', 'data_helper', {
        status: 'completed',
        result: { success: false, error: 'LLM provider timed out after 30 s', fallback_message: 'Please upload your last three cloud bills (CSV) so we can analyse your costs.' }
      })
      ev('agent_started', 'reporting', { status: 'started' })
      ev('agent_completed', 'reporting', {
        status: 'completed',
        result: {
          report: 'We could not complete the analysis: the data request step failed. A partial report follows.',
          report_type: 'fallback',
          status: 'partial',
          summary: 'No savings estimate: billing data is missing',
          metadata: { reason: 'data_helper failed', generated_by: 'reporting fallback path' },
          next_steps: ['Upload three months of billing exports', 'Retry the request']
        }
      })
      ev('agent_completed', 'Supervisor', { status: 'completed', result: { orchestration_successful: false } })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws`, server }
}

test('report tab shows a data helper failure and a fallback report as such', async ({ page }) => {
  const { url, server } = await startFallbackServer()
  try {
    await page.goto(appUrl())
    const environments = await openPanel(page, 'environments')
    await environments.getByTestId('env-add').click()
    await environments.getByTestId('env-paste-url').fill(url)
    await environments.getByTestId('env-name').fill('Fallback server')
    await environments.getByTestId('env-auth-method').selectOption('none')
    await environments.getByTestId('env-save').click()
    await page.getByTestId('drawer-close').click()
    await page.getByTestId('env-select').selectOption('fallback-server')
    await startSession(page)
    await expect(page.getByTestId('session-state')).toHaveAttribute('data-state', 'open', { timeout: 20_000 })
    await sendDefault(page)
    await page.getByTestId('main-tab-report').click()
    await expect(page.getByTestId('data-helper-failure')).toContainText('LLM provider timed out')
    await expect(page.getByTestId('fallback-report')).toContainText('fallback report')
    await page.screenshot({ path: `${SHOTS}/issue12-report-fallback.png` })
    await page.getByTestId('connect-button').click()
  } finally {
    await page.getByTestId('env-select').selectOption('sandbox')
    server.close()
  }
})
