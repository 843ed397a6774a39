// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest'
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { FAULT_SCENARIOS } from '../../../../shared/diagnosis/testing/fault-scenarios'
import { fakeElementSize } from '../../test-support/layout'
import { renderWithSession } from '../../test-support/render-with-store'
import { MainArea } from './MainArea'
import { abandonedSession, portForwardedStagingSession, retriedSession, runningSession, WALL_CLOCK } from './overview-fixtures'
import { OverviewPane } from './OverviewPane'

// No vitest globals here, so Testing Library cannot register its own cleanup.
afterEach(cleanup)

const RANK = { error: 0, warning: 1, info: 2 } as const

function recordsOf(fault: string) {
  return FAULT_SCENARIOS[fault]().model.records
}

function cell(component: string): HTMLElement {
  const found = screen.getAllByTestId('health-cell').find((element) => element.dataset.component === component)
  if (!found) throw new Error(`no health cell for ${component}`)
  return found
}

describe('Overview', () => {
  it('before any session, says what it will show once connected', () => {
    const { store } = renderWithSession(<OverviewPane />, [])
    act(() => store.setState({ activeSessionId: null }))
    const overview = screen.getByTestId('overview')
    expect(overview).toHaveAttribute('data-state', 'none')
    expect(overview).toHaveTextContent('Connect to diagnose a session')
    expect(overview).toHaveTextContent('The health of 16 backend components')
  })

  it('shows the verdict badge and the one-paragraph summary: what, where, what next', () => {
    renderWithSession(<OverviewPane />, recordsOf('database-down'))
    const badge = screen.getByTestId('verdict-badge')
    expect(badge).toHaveAttribute('data-verdict', 'failing')
    expect(badge).toHaveTextContent('Failing')
    const summary = screen.getByTestId('overview-summary')
    expect(summary).toHaveTextContent(/^Database \(Postgres\): Database failed while setting up the connection/)
    expect(summary).toHaveTextContent('Next: Check Database (Postgres) in the backend')
    // The verdict word is the badge's; the paragraph does not repeat it.
    expect(summary).not.toHaveTextContent(/^Failing/)
    expect(screen.getByTestId('verdict-live')).toHaveTextContent('final')
  })

  it('lists findings most severe first, problems open with evidence and next steps', () => {
    renderWithSession(<OverviewPane />, recordsOf('redis-failure'))
    const findings = screen.getAllByTestId('finding')
    const severities = findings.map((element) => element.dataset.severity as keyof typeof RANK)
    expect(severities).toEqual(['error', 'warning'])
    expect(severities.map((severity) => RANK[severity])).toEqual([...severities.map((s) => RANK[s])].sort())
    expect(findings[0]).toHaveAttribute('open')
    expect(within(findings[0]).getByTestId('next-steps').children.length).toBeGreaterThan(0)
    expect(within(findings[0]).getAllByTestId('evidence-link').length).toBeGreaterThan(0)
  })

  it('while the answer is awaited, the header says how long instead of Healthy', () => {
    vi.setSystemTime(WALL_CLOCK + 12_400)
    try {
      renderWithSession(<OverviewPane />, runningSession())
      const badge = screen.getByTestId('verdict-badge')
      expect(badge).toHaveAttribute('data-verdict', 'waiting')
      expect(badge).toHaveTextContent('Waiting for the answer, 12.0 s')
      expect(badge).not.toHaveTextContent('Healthy')
      expect(screen.getByTestId('verdict-live')).toHaveTextContent('live')
    } finally {
      vi.useRealTimers()
    }
  })

  it('folds info findings by default: a user who closed before the answer is a note, not a fault', () => {
    renderWithSession(<OverviewPane />, abandonedSession())
    const note = screen.getAllByTestId('finding').find((element) => element.dataset.severity === 'info')
    expect(note).toHaveAttribute('data-code', 'client.closed-before-answer')
    expect(note).toHaveAttribute('data-component', 'client')
    expect(note).not.toHaveAttribute('open')
    expect(screen.getByTestId('verdict-badge')).toHaveAttribute('data-verdict', 'healthy')
  })

  it('shows each finding\'s confidence as a chip with its meaning in a tooltip', () => {
    renderWithSession(<OverviewPane />, portForwardedStagingSession())
    expect(screen.getByTestId('verdict-badge')).toHaveAttribute('data-verdict', 'healthy')
    const note = screen.getAllByTestId('finding').find((element) => element.dataset.code === 'server.environment-reported')
    expect(note).toBeDefined()
    const chip = within(note as HTMLElement).getByTestId('finding-confidence')
    expect(chip).toHaveTextContent('certain')
    expect(chip.getAttribute('title')).toMatch(/the server said so/)
  })

  describe('with the frame list laid out', () => {
    let restore: () => void
    beforeEach(() => {
      restore = fakeElementSize(600, 400)
    })
    afterEach(() => restore())

    it("a finding's evidence link switches to Frames with that record selected", () => {
      const { store } = renderWithSession(<MainArea />, recordsOf('token-rejected'))
      expect(screen.getByTestId('main-area')).toHaveAttribute('data-tab', 'overview')
      const top = screen.getAllByTestId('finding')[0]
      expect(top).toHaveAttribute('data-component', 'auth')
      const link = within(top).getAllByTestId('evidence-link')[0]
      const seq = Number(link.dataset.seq)

      fireEvent.click(link)
      expect(store.getState().selectedSeq).toBe(seq)
      expect(screen.getByTestId('main-area')).toHaveAttribute('data-tab', 'frames')
      expect(screen.getByTestId('frame-detail')).toHaveAttribute('data-seq', String(seq))
      expect(screen.getByTestId('detail-label')).toHaveTextContent('handshake refused 403')
      // And back: the tab keeps the session's overview.
      fireEvent.click(screen.getByTestId('main-tab-overview'))
      expect(screen.getByTestId('verdict-badge')).toHaveAttribute('data-verdict', 'failing')
    })
  })

  it('a grid cell opens its evidence: sources and the findings with their evidence; again closes it', () => {
    renderWithSession(<OverviewPane />, recordsOf('database-down'))
    expect(screen.getAllByTestId('health-cell')).toHaveLength(16)
    const database = cell('database')
    expect(database).toHaveAttribute('data-status', 'failing')
    expect(database).toHaveTextContent('failing')
    expect(screen.queryByTestId('component-evidence')).toBeNull()

    fireEvent.click(database)
    expect(database).toHaveAttribute('aria-expanded', 'true')
    const panel = screen.getByTestId('component-evidence')
    expect(panel).toHaveAttribute('data-component', 'database')
    expect(within(panel).getAllByTestId('component-finding').map((element) => element.dataset.code)).toEqual([
      'database.pipeline-failure',
      'database.health-failing'
    ])
    expect(within(panel).getByTestId('component-sources')).toHaveTextContent('/ws/health critical_services.database_postgres: failed')

    fireEvent.click(cell('redis'))
    expect(screen.getByTestId('component-evidence')).toHaveAttribute('data-component', 'redis')
    fireEvent.click(cell('redis'))
    expect(screen.queryByTestId('component-evidence')).toBeNull()

    // Keyboard: cells are buttons; Escape closes the evidence and returns focus to the cell.
    expect(screen.getByRole('button', { name: /Network: ok/ })).toBe(cell('network'))
    fireEvent.click(cell('network'))
    fireEvent.keyDown(screen.getByRole('button', { name: 'Close the evidence' }), { key: 'Escape' })
    expect(screen.queryByTestId('component-evidence')).toBeNull()
    expect(cell('network')).toHaveFocus()
  })

  it('lists every attempt of a retried session with its handshake and close', () => {
    renderWithSession(<OverviewPane />, retriedSession())
    const attempts = screen.getAllByTestId('attempt')
    expect(attempts.map((element) => element.textContent?.match(/Attempt \d of \d/)?.[0])).toEqual([
      'Attempt 1 of 3',
      'Attempt 2 of 3',
      'Attempt 3 of 3'
    ])
    expect(within(attempts[0]).getByTestId('attempt-handshake')).toHaveTextContent('503')
    expect(within(attempts[0]).getByTestId('attempt-close')).toHaveTextContent('1006')
    expect(within(attempts[2]).getByTestId('attempt-handshake')).toHaveTextContent('101')
  })

  it('while connecting: a checking badge, and preflight rows as they arrive', () => {
    vi.setSystemTime(WALL_CLOCK + 500)
    try {
      const records = retriedSession()
      const { store } = renderWithSession(<OverviewPane />, records.slice(0, 2))
      expect(screen.getByTestId('verdict-badge')).toHaveAttribute('data-verdict', 'checking')
      expect(screen.getByTestId('preflight')).toHaveTextContent('running…')
      expect(screen.getByTestId('claim-exp')).toHaveTextContent('expires in 1 h 58 min')

      act(() => store.getState().ingestRecords('s1', records.slice(2, 4)))
      expect(screen.getAllByTestId('preflight-row').map((row) => row.dataset.check)).toEqual(['dns', 'tcp'])
      expect(screen.getAllByTestId('preflight-row')[0]).toHaveTextContent('127.0.0.1 (IPv4)')
    } finally {
      vi.useRealTimers()
    }
  })
})
