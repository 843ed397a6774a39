// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest'
import { act, cleanup, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { FrameRecord } from '../../../../shared/api/frame-record'
import { messageRecord, openedSession } from '../../test-support/records'
import { render } from '@testing-library/react'
import { AppStoreProvider } from '../../stores/AppStoreProvider'
import { createAppStore } from '../../stores/create-app-store'
import { RECORD_CHUNK_SIZE } from '../../stores/record-chunks'
import { createFakeContractClient } from '../../test-support/fake-contract-client'
import { renderWithSession } from '../../test-support/render-with-store'
import { useOutputRecords } from './use-output-records'

/** Ingesting tens of thousands of records takes well over waitFor's default second on a loaded 2-core machine. */
const FLOOD_WAIT = { timeout: 15_000 }

afterEach(cleanup)

function OutputSeqs() {
  const records = useOutputRecords()
  return <output data-testid="output-seqs">{records.map((record) => record.seq).join(',')}</output>
}

describe('useOutputRecords', { timeout: 60_000 }, () => {
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

  it('shows output frames the record window evicted long ago: fetched once each, then kept through a flood', async () => {
    const all: FrameRecord[] = [...openedSession()]
    const outputs: number[] = []
    const flood = (chunks: number, withOutputs: boolean): FrameRecord[] => {
      const added: FrameRecord[] = []
      const end = all.length + chunks * RECORD_CHUNK_SIZE
      while (all.length < end) {
        const seq = all.length
        const output = withOutputs && seq % RECORD_CHUNK_SIZE === 100
        const record = output ? messageRecord(seq, { type: 'agent_completed', run_id: 'run_1', agent_name: 'triage', data: { seq } }) : messageRecord(seq, { type: 'stream_chunk', data: { seq } })
        if (output) outputs.push(seq)
        all.push(record)
        added.push(record)
      }
      return added
    }
    // Eight chunks, one output frame in each: more chunks than the window holds.
    flood(8, true)
    const fake = createFakeContractClient({
      'session.records': ({ fromSeq, limit }) => {
        const records = all.slice(fromSeq, fromSeq + (limit ?? 50_000))
        return { records, nextSeq: fromSeq + records.length, done: fromSeq + records.length >= all.length }
      }
    })
    const store = createAppStore(fake.client)
    store.getState().ingestRecords('s1', all.slice())
    store.setState({ activeSessionId: 's1' })
    await waitFor(() => expect(store.getState().models.s1.lastSeq).toBe(all.length - 1), FLOOD_WAIT)
    render(
      <AppStoreProvider store={store}>
        <OutputSeqs />
      </AppStoreProvider>
    )
    await waitFor(() => expect(screen.getByTestId('output-seqs').textContent).toBe(outputs.join(',')), FLOOD_WAIT)
    const fetches = (): number => fake.calls.filter((call) => call.method === 'session.records').length
    // The chunks the window had evicted, each fetched once: no chunk evicting another in a loop.
    expect(fetches()).toBeLessThanOrEqual(outputs.length)
    const before = fetches()
    // A flood of eight more chunks pushes every one of them out of the window again; they stay.
    for (const batch of [flood(4, false), flood(4, false)]) act(() => store.getState().ingestRecords('s1', batch))
    await waitFor(() => expect(store.getState().models.s1.lastSeq).toBe(all.length - 1), FLOOD_WAIT)
    expect(screen.getByTestId('output-seqs').textContent).toBe(outputs.join(','))
    expect(fetches()).toBe(before)
  })
})
