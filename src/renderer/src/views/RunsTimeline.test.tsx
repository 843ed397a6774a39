// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest'
import { cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { CRITICAL_EVENTS } from '../../../shared/protocol/agent-event'
import { agentEvent, closeRecord, openedSession } from '../test-support/records'
import { renderWithSession } from '../test-support/render-with-store'
import { RUNS_PANEL_LIMIT, RunsTimeline } from './RunsTimeline'

// No vitest globals here, so Testing Library cannot register its own cleanup.
afterEach(cleanup)

function fullAgent(firstSeq: number, agent: string) {
  return CRITICAL_EVENTS.map((type, i) => agentEvent(firstSeq + i, type, agent))
}

function cell(agent: string, event: string): HTMLElement {
  const row = screen.getAllByTestId('agent-row').find((element) => element.dataset.agent === agent)
  if (!row) throw new Error(`no row for ${agent}`)
  const found = within(row)
    .getAllByTestId('critical-cell')
    .find((element) => element.dataset.event === event)
  if (!found) throw new Error(`no ${event} cell for ${agent}`)
  return found
}

describe('RunsTimeline', () => {
  it('marks a missing critical event once the run has finished', () => {
    const triageWithoutToolCompleted = fullAgent(8, 'triage').filter((record) => !record.data.includes('tool_completed'))
    renderWithSession(<RunsTimeline />, [
      ...openedSession(),
      agentEvent(3, 'agent_started', 'Supervisor'),
      agentEvent(4, 'agent_thinking', 'Supervisor'),
      agentEvent(5, 'tool_executing', 'Supervisor'),
      agentEvent(6, 'tool_completed', 'Supervisor'),
      ...triageWithoutToolCompleted,
      agentEvent(20, 'agent_completed', 'Supervisor')
    ])

    expect(screen.getByTestId('run')).toHaveAttribute('data-status', 'completed')
    expect(screen.getAllByTestId('agent-row').map((row) => row.dataset.agent)).toEqual(['Supervisor', 'triage'])
    for (const event of CRITICAL_EVENTS) expect(cell('Supervisor', event)).toHaveAttribute('data-seen', 'true')
    expect(cell('triage', 'tool_completed')).toHaveAttribute('data-seen', 'false')
    expect(cell('triage', 'tool_completed')).toHaveTextContent('missing')
    expect(cell('triage', 'tool_executing')).toHaveAttribute('data-seen', 'true')
  })

  it('does not call missing what an agent never owed: a wrapping Supervisor, an agent without a tool (PROTOCOL.md §4)', () => {
    renderWithSession(<RunsTimeline />, [
      ...openedSession(),
      agentEvent(3, 'agent_started', 'Supervisor'),
      agentEvent(4, 'agent_started', 'triage'),
      agentEvent(5, 'agent_thinking', 'triage'),
      agentEvent(6, 'agent_completed', 'triage'),
      ...fullAgent(7, 'data_helper'),
      agentEvent(12, 'agent_completed', 'Supervisor')
    ])
    expect(screen.getByTestId('run')).toHaveAttribute('data-status', 'completed')
    for (const agent of ['Supervisor', 'triage', 'data_helper']) {
      const row = screen.getAllByTestId('agent-row').find((element) => element.dataset.agent === agent)
      expect(row, agent).toHaveAttribute('data-complete', 'true')
      for (const event of CRITICAL_EVENTS) expect(cell(agent, event)).not.toHaveTextContent('missing')
    }
    expect(cell('Supervisor', 'agent_thinking')).toHaveClass('cell-not-owed')
    expect(cell('triage', 'tool_executing')).toHaveAttribute('data-seen', 'false')
  })

  it('shows not-yet-seen events of a running run as pending, not missing', () => {
    renderWithSession(<RunsTimeline />, [...openedSession(), agentEvent(3, 'agent_started', 'Supervisor')])
    expect(screen.getByTestId('run')).toHaveAttribute('data-status', 'running')
    expect(cell('Supervisor', 'agent_thinking')).toHaveAttribute('data-seen', 'false')
    expect(cell('Supervisor', 'agent_thinking')).not.toHaveTextContent('missing')
  })

  it('jumps to the frame of a seen event', () => {
    const { store } = renderWithSession(<RunsTimeline />, [...openedSession(), ...fullAgent(3, 'data_helper')])
    fireEvent.click(within(cell('data_helper', 'tool_executing')).getByRole('button'))
    expect(store.getState().selectedSeq).toBe(5)
  })

  it('gives each seen event its offset and local clock time, says what a tool cell means, and the UTC time on hover', () => {
    renderWithSession(<RunsTimeline />, [...openedSession(), ...fullAgent(3, 'data_helper')])
    const button = within(cell('data_helper', 'tool_executing')).getByRole('button')
    expect(button).toHaveTextContent(/\+\d+\.\d ms\d{2}:\d{2}:\d{2}\.\d{3}/)
    expect(button.getAttribute('title')).toMatch(/^running tool .+ · frame #5 · 2025-09-01 12:00:00\.\d{3} UTC$/)
    expect(within(cell('data_helper', 'tool_completed')).getByRole('button').getAttribute('title')).toMatch(/^tool .+ done · frame #6/)
    expect(screen.getAllByRole('columnheader').map((header) => header.textContent)).toContain('tool started')
  })

  it('calls a run interrupted, with its gaps missing, once the connection has closed under it', () => {
    renderWithSession(<RunsTimeline />, [
      ...openedSession(),
      agentEvent(3, 'agent_started', 'Supervisor'),
      agentEvent(4, 'agent_thinking', 'Supervisor'),
      closeRecord(5, 1006, { initiator: 'none', clean: false })
    ])
    expect(screen.getByTestId('run')).toHaveAttribute('data-status', 'interrupted')
    expect(cell('Supervisor', 'agent_completed')).toHaveTextContent('missing')
  })

  it(`draws only the newest ${RUNS_PANEL_LIMIT} runs, newest first, and says how many older ones the Timeline tab lists`, () => {
    const total = RUNS_PANEL_LIMIT + 7
    const runs = Array.from({ length: total }, (_, i) => agentEvent(3 + i, 'agent_started', 'Supervisor', `run_${String(i).padStart(3, '0')}`))
    renderWithSession(<RunsTimeline />, [...openedSession(), ...runs])
    const drawn = screen.getAllByTestId('run').map((element) => element.dataset.runId)
    expect(drawn).toHaveLength(RUNS_PANEL_LIMIT)
    expect(drawn[0]).toBe(`run_${String(total - 1).padStart(3, '0')}`)
    expect(drawn.at(-1)).toBe('run_007')
    expect(screen.getByTestId('runs-older')).toHaveTextContent('7 older runs')
  })
})
