// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest'
import { cleanup, fireEvent, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { renderWithClient } from '../test-support/render-with-client'
import { SANDBOX_ENVIRONMENT, STARTUP_HANDLERS } from '../test-support/sandbox-fixtures'
import { ConnectOptions } from './ConnectOptions'
import { TopBar } from './TopBar'

const cleanups: (() => void)[] = []
// No vitest globals here, so Testing Library cannot register its own cleanup.
afterEach(() => {
  cleanup()
  for (const unbind of cleanups.splice(0)) unbind()
})

const LEGACY_LOCAL = { ...SANDBOX_ENVIRONMENT, id: 'local', name: 'Local', kind: 'local' as const, wsUrl: 'ws://localhost:8000/ws', subprotocolStyle: 'jwt-auth-legacy' as const }

async function setup() {
  const rendered = renderWithClient(<TopBar />, {
    ...STARTUP_HANDLERS,
    'environments.list': () => ({ environments: [SANDBOX_ENVIRONMENT, LEGACY_LOCAL], defaultId: 'sandbox' }),
    'session.connect': () => ({ sessionId: 's1' }),
    'session.records': () => ({ records: [], nextSeq: 0, done: true })
  })
  cleanups.push(rendered.unbind)
  await vi.waitFor(() => expect(screen.getByTestId('env-select')).toHaveValue('sandbox'))
  return rendered
}

async function connectRequest(fake: Awaited<ReturnType<typeof setup>>['fake']): Promise<unknown> {
  fireEvent.click(screen.getByTestId('connect-button'))
  await vi.waitFor(() => expect(fake.calls.some((call) => call.method === 'session.connect')).toBe(true))
  return fake.calls.filter((call) => call.method === 'session.connect').at(-1)?.request
}

describe('ConnectOptions', () => {
  it('passes the subprotocol style and ping interval to session.connect', async () => {
    const { fake } = await setup()
    fireEvent.change(screen.getByTestId('subprotocol-style-select'), { target: { value: 'jwt-auth-legacy' } })
    fireEvent.change(screen.getByTestId('ping-select'), { target: { value: '15000' } })
    expect(await connectRequest(fake)).toEqual({ environmentId: 'sandbox', subprotocolStyle: 'jwt-auth-legacy', pingIntervalMs: 15_000 })
  })

  it('sends the environment’s own style by default, and no ping when off', async () => {
    const { fake } = await setup()
    expect(screen.getByTestId('ping-select')).toHaveValue('')
    expect(await connectRequest(fake)).toEqual({ environmentId: 'sandbox', subprotocolStyle: 'jwt' })
  })

  it('leaves the style out, and disables it, when the auth method is not subprotocol', async () => {
    const { fake } = await setup()
    fireEvent.change(screen.getByTestId('subprotocol-style-select'), { target: { value: 'jwt-auth-legacy' } })
    fireEvent.change(screen.getByTestId('auth-select'), { target: { value: 'header' } })
    expect(screen.getByTestId('subprotocol-style-select')).toBeDisabled()
    fireEvent.change(screen.getByTestId('ping-select'), { target: { value: '30000' } })
    expect(await connectRequest(fake)).toEqual({ environmentId: 'sandbox', authMethod: 'header', pingIntervalMs: 30_000 })
  })

  it('resets auth and style overrides when another environment is picked, keeping the ping', async () => {
    const { store } = await setup()
    fireEvent.change(screen.getByTestId('auth-select'), { target: { value: 'query' } })
    fireEvent.change(screen.getByTestId('ping-select'), { target: { value: '15000' } })
    fireEvent.change(screen.getByTestId('env-select'), { target: { value: 'local' } })
    expect(store.getState()).toMatchObject({ authMethod: null, subprotocolStyle: null, pingIntervalMs: 15_000 })
    // The default entry names the new environment's own style.
    expect(screen.getByTestId('subprotocol-style-select')).toHaveDisplayValue('offer: jwt-auth pair')
    // The sandbox's chips and button belong to the sandbox only.
    expect(screen.queryByTestId('sandbox-button')).toBeNull()
  })

  it('renders on its own before environments have loaded', () => {
    // Environments never arrive: the backend is still starting.
    const rendered = renderWithClient(<ConnectOptions />, { ...STARTUP_HANDLERS, 'environments.list': () => new Promise(() => undefined) })
    cleanups.push(rendered.unbind)
    expect(screen.getByTestId('auth-select')).toBeDisabled()
    expect(screen.getByTestId('ping-select')).toBeEnabled()
  })
})
