// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest'
import { cleanup, fireEvent, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { SessionState } from '../../../shared/api/contract'
import { renderWithClient } from '../test-support/render-with-client'
import { STARTUP_HANDLERS } from '../test-support/sandbox-fixtures'
import { TopBar } from './TopBar'

const cleanups: (() => void)[] = []
afterEach(() => {
  cleanup()
  for (const unbind of cleanups.splice(0)) unbind()
})

/** A page just opened on the host's newest session, whose backlog has not arrived (and does not, here). */
async function openedOn(state: SessionState) {
  const rendered = renderWithClient(<TopBar />, {
    ...STARTUP_HANDLERS,
    'session.list': () => ({
      sessions: [{ id: 's1', environmentId: 'sandbox', environmentName: 'Sandbox (embedded)', url: 'ws://127.0.0.1:1/ws', state, startedAt: 1, recordCount: 30, origin: 'live' as const }]
    }),
    'session.records': () => new Promise<never>(() => undefined),
    'session.disconnect': () => ({ ok: true as const }),
    'session.connect': () => ({ sessionId: 's2' })
  })
  cleanups.push(rendered.unbind)
  await rendered.store.getState().loadSessionList()
  await vi.waitFor(() => expect(rendered.store.getState().activeSessionId).toBe('s1'))
  expect(rendered.store.getState().models.s1?.state ?? 'idle').toBe('idle')
  return rendered
}

describe('TopBar before the session in view has loaded', () => {
  it('an open session reads Disconnect, and the click disconnects it (it never reads Connect first)', async () => {
    const { fake } = await openedOn('open')
    expect(screen.getByTestId('connect-button')).toHaveTextContent('Disconnect')
    expect(screen.getByTestId('session-state')).toHaveAttribute('data-state', 'open')
    fireEvent.click(screen.getByTestId('connect-button'))
    await vi.waitFor(() => expect(fake.calls.map((call) => call.method)).toContain('session.disconnect'))
    expect(fake.calls.map((call) => call.method)).not.toContain('session.connect')
  })

  it('a closed session reads Connect, and the click connects', async () => {
    const { fake } = await openedOn('closed')
    expect(screen.getByTestId('connect-button')).toHaveTextContent('Connect')
    expect(screen.getByTestId('session-state')).toHaveAttribute('data-state', 'closed')
    fireEvent.click(screen.getByTestId('connect-button'))
    await vi.waitFor(() => expect(fake.calls.map((call) => call.method)).toContain('session.connect'))
    expect(fake.calls.map((call) => call.method)).not.toContain('session.disconnect')
  })
})
