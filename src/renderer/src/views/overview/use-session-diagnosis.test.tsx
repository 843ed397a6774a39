// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest'
import { act, cleanup, fireEvent, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as diagnosis from '../../../../shared/diagnosis/diagnose-session'
import { FAULT_SCENARIOS } from '../../../../shared/diagnosis/testing/fault-scenarios'
import { messageRecord } from '../../test-support/records'
import { renderWithSession } from '../../test-support/render-with-store'
import { runningSession, WALL_CLOCK } from './overview-fixtures'
import { OverviewPane } from './OverviewPane'
import { LIVE_TICK_MS } from './use-session-diagnosis'

// Count the real diagnosis (the worker's FoldedSession calls it from this module): the spy calls through, so what renders is the real verdict.
vi.mock('../../../../shared/diagnosis/diagnose-session', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../../shared/diagnosis/diagnose-session')>()
  return { ...actual, diagnoseSession: vi.fn(actual.diagnoseSession) }
})

const diagnoseSession = vi.mocked(diagnosis.diagnoseSession)

afterEach(() => {
  cleanup()
  diagnoseSession.mockClear()
  vi.useRealTimers()
})

describe('useSessionDiagnosis', () => {
  it('diagnoses once, and not again on re-renders that do not change the session', () => {
    const { store } = renderWithSession(<OverviewPane />, FAULT_SCENARIOS['database-down']().model.records)
    expect(diagnoseSession).toHaveBeenCalledTimes(1)

    // Opening cells re-renders the Overview; unrelated store changes re-render other parts.
    for (const element of screen.getAllByTestId('health-cell').slice(0, 6)) fireEvent.click(element)
    act(() => store.getState().setFilter('agent'))
    act(() => store.getState().setDetailTab('record'))
    act(() => store.setState({ environments: [] }))
    expect(screen.getByTestId('component-evidence')).toBeInTheDocument()
    expect(diagnoseSession).toHaveBeenCalledTimes(1)
  })

  it('re-diagnoses when records arrive (throttled), judging the newest model', async () => {
    vi.useFakeTimers({ now: WALL_CLOCK + 1_000 })
    const records = runningSession()
    const { store } = renderWithSession(<OverviewPane />, records)
    expect(diagnoseSession).toHaveBeenCalledTimes(1)

    // A burst of batches: one trailing diagnosis, not one per batch.
    const last = records[records.length - 1].seq
    for (let i = 1; i <= 5; i++) act(() => store.getState().ingestRecords('s1', [messageRecord(last + i, { type: 'heartbeat' })]))
    expect(diagnoseSession).toHaveBeenCalledTimes(1)
    await act(async () => vi.advanceTimersByTimeAsync(500))
    expect(diagnoseSession).toHaveBeenCalledTimes(2)
    // The worker's own model, caught up with the store's.
    expect(diagnoseSession.mock.calls[1][0].lastSeq).toBe(store.getState().models.s1.lastSeq)
    expect(diagnoseSession.mock.calls[1][0].rows).toHaveLength(records.length + 5)
  })

  it('re-judges an open session on the live tick, with "now", so silence can show', async () => {
    vi.useFakeTimers({ now: WALL_CLOCK + 1_000 })
    renderWithSession(<OverviewPane />, runningSession())
    expect(diagnoseSession).toHaveBeenCalledTimes(1)
    await act(async () => vi.advanceTimersByTimeAsync(LIVE_TICK_MS + 50))
    expect(diagnoseSession).toHaveBeenCalledTimes(2)
    expect(diagnoseSession.mock.calls[1][1]?.nowMs).toBeGreaterThan(WALL_CLOCK + LIVE_TICK_MS)
  })

  it('does not tick for a closed session', async () => {
    vi.useFakeTimers()
    renderWithSession(<OverviewPane />, FAULT_SCENARIOS['tcp-drop']().model.records)
    await act(async () => vi.advanceTimersByTimeAsync(LIVE_TICK_MS * 3))
    expect(diagnoseSession).toHaveBeenCalledTimes(1)
    expect(diagnoseSession.mock.calls[0][1]?.nowMs).toBeUndefined()
  })
})
