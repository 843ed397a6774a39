// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest'
import { cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ContractError, type Environment } from '../../../../shared/api/contract'
import type { FakeHandlers } from '../../test-support/fake-contract-client'
import {
  ALL_ENVIRONMENTS,
  CUSTOM_ENVIRONMENT,
  settingsHandlers,
  STAGING_ENVIRONMENT
} from '../../test-support/credential-fixtures'
import { renderWithClient } from '../../test-support/render-with-client'
import { DrawerHost } from '../DrawerHost'
import { SettingsButtons } from './SettingsButtons'

const cleanups: (() => void)[] = []
// No vitest globals here, so Testing Library cannot register its own cleanup.
afterEach(() => {
  cleanup()
  for (const unbind of cleanups.splice(0)) unbind()
})

async function setup(handlers: FakeHandlers = {}, environmentId = 'acme') {
  const rendered = renderWithClient(
    <>
      <SettingsButtons />
      <DrawerHost />
    </>,
    { ...settingsHandlers(), ...handlers }
  )
  cleanups.push(rendered.unbind)
  await vi.waitFor(() => expect(rendered.store.getState().environments).toHaveLength(ALL_ENVIRONMENTS.length))
  fireEvent.click(screen.getByTestId('open-environments'))
  const panel = await screen.findByTestId('environments-panel')
  fireEvent.click(
    within(panel).getByText(ALL_ENVIRONMENTS.find((env) => env.id === environmentId)?.name ?? '')
  )
  return { ...rendered, panel }
}

const input = (testId: string): HTMLInputElement => screen.getByTestId(testId)
const type = (testId: string, value: string): void => {
  fireEvent.change(input(testId), { target: { value } })
}
const saveRequests = (calls: { method: string; request: unknown }[]): unknown[] =>
  calls.filter((call) => call.method === 'environments.save').map((call) => call.request)

describe('Environments panel', () => {
  it('saves an edit as only the changed fields, then shows it saved', async () => {
    const saved: Environment = {
      ...CUSTOM_ENVIRONMENT,
      retries: { attempts: 4, delayMs: 1000 },
      sla: { ...CUSTOM_ENVIRONMENT.sla, fullAnswerMs: 90_000 }
    }
    const { fake } = await setup({ 'environments.save': () => ({ environment: saved }) })
    type('env-retry-attempts', '4')
    type('env-sla-full', '90000')
    expect(screen.getByTestId('env-item-dirty')).toBeInTheDocument()
    fireEvent.click(screen.getByTestId('env-save'))

    await vi.waitFor(() => expect(screen.getByTestId('env-status')).toHaveTextContent('Saved ✓'))
    expect(saveRequests(fake.calls)).toEqual([
      { id: 'acme', retries: { attempts: 4, delayMs: 1000 }, sla: { fullAnswerMs: 90_000 } }
    ])
    expect(input('env-retry-attempts')).toHaveValue('4')
    expect(screen.queryByTestId('env-item-dirty')).toBeNull()
  })

  it('classifies the WebSocket URL as it is typed', async () => {
    await setup()
    const badge = (): HTMLElement => screen.getByTestId('url-kind-badge')
    expect(badge()).toHaveAttribute('data-kind', 'custom')
    type('env-ws-url', 'wss://api.staging.netrasystems.ai/ws')
    expect(badge()).toHaveAttribute('data-kind', 'staging')
    expect(badge()).toHaveTextContent('✓ staging')
    type('env-ws-url', 'wss://api.netrasystems.ai/websocket')
    expect(badge()).toHaveAttribute('data-kind', 'production')
    expect(screen.getByText(/older production WebSocket path/)).toBeInTheDocument()
    type('env-ws-url', 'ws://127.0.0.1:9000/ws')
    expect(badge()).toHaveAttribute('data-kind', 'local')
    // The kind follows the URL until the user picks one.
    expect(screen.getByTestId('env-kind-select')).toHaveDisplayValue('detect from URL (local)')
  })

  it('shows URL problems inline and will not save them', async () => {
    await setup()
    type('env-ws-url', 'wss://netra.acme.example/ws?token=abc123')
    expect(screen.getByTestId('field-problem')).toHaveTextContent(/"token" query parameter/)
    expect(screen.getByTestId('env-save')).toBeDisabled()
  })

  it('keeps everything typed when the backend refuses, and shows why', async () => {
    const { store } = await setup({
      'environments.save': () =>
        Promise.reject(new ContractError('invalid-request', 'name is longer than 80 characters'))
    })
    type('env-name', 'Acme prod mirror')
    type('env-auth-base', 'https://auth.acme.example')
    fireEvent.click(screen.getByTestId('env-save'))
    expect(await screen.findByTestId('env-error')).toHaveTextContent('name is longer than 80 characters')
    expect(input('env-name')).toHaveValue('Acme prod mirror')
    expect(input('env-auth-base')).toHaveValue('https://auth.acme.example')
    // Closing the panel and coming back loses nothing either.
    fireEvent.click(screen.getByTestId('drawer-close'))
    store.getState().openEnvironmentEditor()
    expect(await screen.findByTestId('env-name')).toHaveValue('Acme prod mirror')
  })

  it('adds an environment from a pasted URL', async () => {
    const created: Environment = { ...CUSTOM_ENVIRONMENT, id: 'api-staging-box-example', kind: 'staging' }
    const { fake } = await setup({ 'environments.save': () => ({ environment: created }) })
    fireEvent.click(screen.getByTestId('env-add'))
    type('env-paste-url', 'https://api.staging-box.example')
    expect(input('env-ws-url')).toHaveValue('wss://api.staging-box.example/ws')
    expect(screen.getByTestId('url-kind-badge')).toHaveAttribute('data-kind', 'staging')
    expect(input('env-name')).toHaveValue('api.staging-box.example')
    type('env-name', 'Box')
    // Pasting again refreshes the URLs but keeps the name typed by hand.
    type('env-paste-url', 'https://api.staging-box.example:8443')
    expect(input('env-name')).toHaveValue('Box')
    fireEvent.click(screen.getByTestId('env-save'))
    await vi.waitFor(() => expect(saveRequests(fake.calls)).toHaveLength(1))
    expect(saveRequests(fake.calls)[0]).toMatchObject({
      name: 'Box',
      kind: 'staging',
      wsUrl: 'wss://api.staging-box.example:8443/ws',
      httpBase: 'https://api.staging-box.example:8443',
      authBase: null
    })
  })

  it('resets a customised built-in, and deletes a custom one after confirming, showing a refusal', async () => {
    const customised = { ...STAGING_ENVIRONMENT, customized: true }
    const { fake } = await setup(
      {
        'environments.list': () => ({
          environments: ALL_ENVIRONMENTS.map((env) => (env.id === 'staging' ? customised : env)),
          defaultId: 'sandbox'
        }),
        'environments.reset': () => ({ environment: STAGING_ENVIRONMENT }),
        'environments.remove': () =>
          Promise.reject(
            new ContractError(
              'invalid-request',
              'environment acme still has 1 credential(s) (ci token); remove them first'
            )
          )
      },
      'staging'
    )
    expect(screen.queryByTestId('env-delete')).toBeNull()
    fireEvent.click(screen.getByTestId('env-reset'))
    await vi.waitFor(() =>
      expect(screen.getByTestId('env-status')).toHaveTextContent('Built in, as shipped.')
    )
    expect(
      fake.calls.filter((call) => call.method === 'environments.reset').map((call) => call.request)
    ).toEqual([{ id: 'staging' }])
    expect(screen.getByTestId('env-reset')).toBeDisabled()

    fireEvent.click(screen.getByText('Acme'))
    fireEvent.click(screen.getByTestId('env-delete'))
    expect(fake.calls.some((call) => call.method === 'environments.remove')).toBe(false)
    fireEvent.click(screen.getByTestId('env-delete-confirmed'))
    expect(await screen.findByTestId('env-error')).toHaveTextContent('still has 1 credential(s) (ci token)')
    expect(screen.getByText('Acme')).toBeInTheDocument()
  })

  it('shows an unreadable environments.json as a banner', async () => {
    await setup({
      'environments.list': () => ({
        environments: ALL_ENVIRONMENTS,
        defaultId: 'sandbox',
        loadError: 'environments.json was unusable (not valid JSON); kept it as environments.json.corrupt-1'
      })
    })
    expect(await screen.findByTestId('env-load-error')).toHaveTextContent(
      'kept it as environments.json.corrupt-1'
    )
  })
})
