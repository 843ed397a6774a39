// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest'
import { act, cleanup, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { FrameRecord } from '../../../../shared/api/frame-record'
import { messageRecord, openedSession } from '../../test-support/records'
import { renderWithSession } from '../../test-support/render-with-store'
import { useOutputRecords } from './use-output-records'

afterEach(cleanup)

function OutputSeqs() {
  const records = useOutputRecords()
  return <output data-testid="output-seqs">{records.map((record) => record.seq).join(',')}</output>
}

describe('useOutputRecords', () => {
  it('finds every output frame of a session that grows batch by batch, in order, among a flood of others', async () => {
    const opened = openedSession()
    const { store } = renderWithSession(<OutputSeqs />, opened)
    let seq = opened[opened.length - 1].seq
    const expected: number[] = []
    // 40 batches of stream chunks, with an agent's output every few batches (and one inside a batch).
    for (let batch = 0; batch < 40; batch++) {
      const records: FrameRecord[] = []
      for (let i = 0; i < 25; i++) records.push(messageRecord(++seq, { type: 'stream_chunk', data: { index: seq } }))
      if (batch % 7 === 3) {
        records.splice(10, 0, messageRecord(++seq, { type: 'agent_completed', run_id: 'run_1', agent_name: 'triage', data: { n: batch } }))
        expected.push(seq)
      }
      act(() => store.getState().ingestRecords('s1', records))
    }
    await waitFor(() => expect(store.getState().models.s1.lastSeq).toBe(seq))
    await waitFor(() => expect(screen.getByTestId('output-seqs')).toHaveTextContent(expected.join(',')))
    expect(screen.getByTestId('output-seqs').textContent).toBe(expected.join(','))
  })

  it('starts again for another session', async () => {
    const { store } = renderWithSession(<OutputSeqs />, [...openedSession(), messageRecord(3, { type: 'final_report', run_id: 'r', data: {} })])
    await waitFor(() => expect(screen.getByTestId('output-seqs')).toHaveTextContent('3'))
    act(() => {
      store.getState().ingestRecords('s2', [...openedSession(), messageRecord(3, { type: 'stream_chunk' }), messageRecord(4, { type: 'tool_completed', run_id: 'r', data: {} })])
      store.setState({ activeSessionId: 's2' })
    })
    await waitFor(() => expect(screen.getByTestId('output-seqs').textContent).toBe('4'))
  })
})
