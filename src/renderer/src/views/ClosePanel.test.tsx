// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest'
import { act, cleanup, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { closeRecord, handshakeRecord, openedSession, startRecord } from '../test-support/records'
import { renderWithSession } from '../test-support/render-with-store'
import { ClosePanel } from './ClosePanel'

// No vitest globals here, so Testing Library cannot register its own cleanup.
afterEach(cleanup)

describe('ClosePanel', () => {
  it('explains a 1006: abnormal closure, nobody closed it, not clean', () => {
    renderWithSession(<ClosePanel />, [...openedSession(), closeRecord(3, 1006, { t: 1_510 })])
    expect(screen.getByTestId('close-code')).toHaveTextContent('1006')
    expect(screen.getByTestId('close-name')).toHaveTextContent('Abnormal Closure')
    expect(screen.getByTestId('close-meaning')).toHaveTextContent('dropped without a close frame')
    expect(screen.getByTestId('close-initiator')).toHaveTextContent('nobody')
    expect(screen.getByTestId('close-clean')).toHaveTextContent('not clean')
    expect(screen.getByTestId('close-reason')).toHaveTextContent('(none)')
    // The handshake record is at t=10: the connection lasted 1 500 ms.
    expect(screen.getByTestId('close-panel')).toHaveTextContent('1.50 s')
    // When it closed: local clock time beside the offset, UTC on hover.
    expect(screen.getByTestId('close-at')).toHaveTextContent(/^\d{2}:\d{2}:\d{2}\.\d{3} · \+1\.51 s$/)
    expect(screen.getByTestId('close-at')).toHaveAttribute('title', '2025-09-01 12:00:01.510 UTC')
  })

  it('shows a normal client close with its reason', () => {
    renderWithSession(<ClosePanel />, [
      ...openedSession(),
      closeRecord(3, 1000, { reason: 'main cleanup', initiator: 'client', clean: true })
    ])
    expect(screen.getByTestId('close-name')).toHaveTextContent('Normal Closure')
    expect(screen.getByTestId('close-reason')).toHaveTextContent('“main cleanup”')
    expect(screen.getByTestId('close-clean')).toHaveTextContent('clean')
  })

  it('calls a refused upgrade what it is, not a dropped connection', () => {
    const refused = { ...handshakeRecord(1), ok: false, status: 403, statusText: 'Forbidden' }
    renderWithSession(<ClosePanel />, [startRecord(), refused, closeRecord(2, 1006)])
    expect(screen.getByTestId('close-name')).toHaveTextContent('Refused before accept')
    expect(screen.getByTestId('close-code')).toHaveTextContent('403')
    expect(screen.getByTestId('close-meaning')).toHaveTextContent('HTTP 403 instead of 101')
    expect(screen.queryByTestId('close-initiator')).toBeNull()
  })

  it('says the connection is still open before any close', () => {
    renderWithSession(<ClosePanel />, openedSession())
    expect(screen.getByTestId('close-panel')).toHaveTextContent('Connection open')
    expect(screen.queryByTestId('close-code')).toBeNull()
  })

  it('shows a recording that ends without its close as cut off, never open', () => {
    const { store } = renderWithSession(<ClosePanel />, openedSession())
    expect(screen.getByTestId('close-panel')).toHaveTextContent('Connection open')
    const summary = { id: 's1', environmentId: 'sandbox', environmentName: 'Sandbox', url: 'ws://127.0.0.1:9/ws', state: 'open' as const, startedAt: 1, recordCount: 3, origin: 'recording' as const }
    act(() => store.setState({ summaries: [summary] }))
    expect(screen.getByTestId('close-cut-off')).toHaveTextContent(/Cut off — the recording ends at \d\d:\d\d:\d\d UTC \(\+.+\) without a close/)
    expect(screen.getByTestId('close-panel')).not.toHaveTextContent('Connection open')
  })
})
