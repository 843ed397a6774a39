// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest'
import { cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fakeElementSize } from '../test-support/layout'
import { messageRecord, openedSession } from '../test-support/records'
import { renderWithSession } from '../test-support/render-with-store'
import { FrameDetail } from './FrameDetail'
import { FramesPane } from './FramesPane'

// No vitest globals here, so Testing Library cannot register its own cleanup.
afterEach(cleanup)

const RECORDS = [
  ...openedSession(),
  messageRecord(3, { type: 'agent_thinking', run_id: 'run_1', agent_name: 'triage', data: { reasoning: 'Checking cost data' } }),
  messageRecord(4, '{"type":"agent_completed", oops'),
  messageRecord(5, { type: 'agent_completed', run_id: 'run_1', agent_name: 'triage', data: { status: 'completed' } })
]

function rowWithSeq(seq: number): HTMLElement {
  const row = screen.getAllByTestId('frame-row').find((element) => element.dataset.seq === String(seq))
  if (!row) throw new Error(`row ${seq} is not rendered`)
  return row
}

describe('frame selection and detail', () => {
  let restore: () => void
  beforeEach(() => {
    restore = fakeElementSize(600, 400)
  })
  afterEach(() => restore())

  it('shows nothing selected until a row is clicked', () => {
    renderWithSession(<FrameDetail />, RECORDS)
    expect(screen.getByTestId('frame-detail')).toHaveTextContent('No frame selected')
  })

  it('shows the clicked frame as a JSON tree and its raw text', () => {
    const { store } = renderWithSession(
      <>
        <FramesPane />
        <FrameDetail />
      </>,
      RECORDS
    )
    fireEvent.click(rowWithSeq(3))

    expect(store.getState().selectedSeq).toBe(3)
    expect(store.getState().followTail).toBe(false)
    const detail = screen.getByTestId('frame-detail')
    expect(detail).toHaveAttribute('data-seq', '3')
    expect(within(detail).getByTestId('detail-label')).toHaveTextContent('agent_thinking')
    const tree = within(detail).getByTestId('json-tree')
    expect(tree).toHaveTextContent('reasoning')
    expect(tree).toHaveTextContent('"Checking cost data"')
    expect(within(detail).getByTestId('detail-raw')).toHaveTextContent(RECORDS[3].kind === 'message' ? RECORDS[3].data : '')
    expect(rowWithSeq(3)).toHaveAttribute('aria-selected', 'true')
  })

  it('shows a malformed frame verbatim, with its flag', () => {
    renderWithSession(
      <>
        <FramesPane />
        <FrameDetail />
      </>,
      RECORDS
    )
    fireEvent.click(rowWithSeq(4))
    expect(screen.getByTestId('detail-flag')).toHaveAttribute('data-flag', 'malformed-json')
    expect(screen.getByTestId('detail-raw').textContent).toBe('{"type":"agent_completed", oops')
    expect(screen.queryByTestId('json-tree')).toBeNull()
  })

  it('shows a non-message record itself (the handshake)', () => {
    renderWithSession(
      <>
        <FramesPane />
        <FrameDetail />
      </>,
      RECORDS
    )
    fireEvent.click(rowWithSeq(1))
    expect(screen.getByTestId('json-tree')).toHaveTextContent('Switching Protocols')
  })

  it('filters the list by type', () => {
    const { store } = renderWithSession(<FramesPane />, RECORDS)
    fireEvent.change(screen.getByTestId('frame-filter'), { target: { value: 'agent_completed' } })
    expect(store.getState().filter).toBe('agent_completed')
    expect(screen.getAllByTestId('frame-row').map((row) => row.dataset.seq)).toEqual(['5'])
    expect(screen.getByTestId('row-count')).toHaveTextContent('1 of 6 rows')
  })
})
