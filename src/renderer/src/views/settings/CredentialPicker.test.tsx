// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest'
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { CredentialInfo } from '../../../../shared/api/credential-schemas'
import { credential, KEYCHAIN_AVAILABLE, settingsHandlers } from '../../test-support/credential-fixtures'
import { renderWithClient } from '../../test-support/render-with-client'
import { TopBar } from '../TopBar'

const cleanups: (() => void)[] = []
// No vitest globals here, so Testing Library cannot register its own cleanup.
afterEach(() => {
  cleanup()
  for (const unbind of cleanups.splice(0)) unbind()
})

const PROD = credential()
const STAGING_ON_PROD = credential({
  id: 'c-stg',
  label: 'wrong env',
  claims: { sub: 'u', email: null, env: 'staging', exp: null },
  expiresAt: null,
  expiry: 'none'
})
const EXPIRED = credential({
  id: 'c-exp',
  label: 'yesterday',
  expiresAt: Date.now() - 86_400_000,
  expiry: 'expired'
})
const REFRESH = credential({ id: 'c-refresh', label: 'refresh', kind: 'refresh-token' })
const STAGING = credential({
  id: 'c-staging',
  label: 'staging token',
  environmentId: 'staging',
  claims: { sub: 'u', email: null, env: 'staging', exp: null }
})

async function setup(credentials: CredentialInfo[] = [PROD, STAGING_ON_PROD, EXPIRED, REFRESH, STAGING]) {
  const rendered = renderWithClient(<TopBar />, {
    ...settingsHandlers(credentials, KEYCHAIN_AVAILABLE),
    'session.connect': () => ({ sessionId: 's1' }),
    'session.records': () => ({ records: [], nextSeq: 0, done: true })
  })
  cleanups.push(rendered.unbind)
  await vi.waitFor(() => expect(rendered.store.getState().credentials).toHaveLength(credentials.length))
  return rendered
}

const picker = (): HTMLSelectElement => screen.getByTestId('credential-select')
const optionLabels = (): string[] =>
  within(picker())
    .getAllByRole('option')
    .map((option) => option.textContent ?? '')

async function connectRequest(fake: Awaited<ReturnType<typeof setup>>['fake']): Promise<unknown> {
  fireEvent.click(screen.getByTestId('connect-button'))
  await vi.waitFor(() => expect(fake.calls.some((call) => call.method === 'session.connect')).toBe(true))
  return fake.calls.filter((call) => call.method === 'session.connect').at(-1)?.request
}

describe('CredentialPicker', () => {
  it('offers the sandbox’s own token by default, and sends no credentialId for it', async () => {
    const { fake } = await setup()
    expect(optionLabels()[0]).toBe('token: sandbox')
    expect(await connectRequest(fake)).toEqual({ environmentId: 'sandbox', subprotocolStyle: 'jwt' })
  })

  it('lists the picked environment’s access tokens, then other environments’, and passes the chosen one as credentialId', async () => {
    const { fake } = await setup()
    fireEvent.change(screen.getByTestId('env-select'), { target: { value: 'production' } })
    expect(optionLabels()).toEqual([
      'token: default',
      'token: customer 4711',
      'token: wrong env',
      'token: yesterday (expired)',
      'token: staging/staging token'
    ])
    expect(within(picker()).getByRole('group')).toHaveAttribute('label', 'Other environments (asks before sending)')
    fireEvent.change(picker(), { target: { value: 'c-prod' } })
    expect(screen.queryByTestId('credential-warning')).toBeNull()
    expect(await connectRequest(fake)).toEqual({
      environmentId: 'production',
      subprotocolStyle: 'jwt',
      credentialId: 'c-prod'
    })
  })

  it('warns when the chosen token has expired or belongs to another environment', async () => {
    await setup()
    fireEvent.change(screen.getByTestId('env-select'), { target: { value: 'production' } })
    fireEvent.change(picker(), { target: { value: 'c-exp' } })
    expect(screen.getByTestId('credential-warning')).toHaveTextContent('⚠ expired')
    fireEvent.change(picker(), { target: { value: 'c-stg' } })
    expect(screen.getByTestId('credential-warning')).toHaveTextContent('⚠ staging token on production')
    expect(screen.getByTestId('credential-warning')).toHaveAttribute(
      'title',
      expect.stringMatching(/the server will refuse it/)
    )
  })

  it('forgets the choice when another environment is picked or the credential is deleted', async () => {
    const { fake, store } = await setup()
    fireEvent.change(screen.getByTestId('env-select'), { target: { value: 'production' } })
    fireEvent.change(picker(), { target: { value: 'c-prod' } })
    fireEvent.change(screen.getByTestId('env-select'), { target: { value: 'staging' } })
    expect(store.getState().credentialId).toBeNull()
    expect(optionLabels().slice(0, 2)).toEqual(['token: default', 'token: staging token'])
    fireEvent.change(picker(), { target: { value: 'c-staging' } })
    // Removed elsewhere (the CLI): the push drops it, and connect falls back to the default.
    act(() => fake.emit('credentials.changed', { credentials: [PROD], keychain: KEYCHAIN_AVAILABLE }))
    expect(picker()).toHaveValue('')
    expect(await connectRequest(fake)).toEqual({ environmentId: 'staging', subprotocolStyle: 'jwt' })
  })

  it('asks before sending a token to a host outside its environment, naming the host; nothing is sent until confirmed', async () => {
    const { fake, store } = await setup()
    fireEvent.change(screen.getByTestId('env-select'), { target: { value: 'production' } })
    fireEvent.change(picker(), { target: { value: 'c-staging' } })
    const connects = () => fake.calls.filter((call) => call.method === 'session.connect')

    fireEvent.click(screen.getByTestId('connect-button'))
    const dialog = await screen.findByRole('alertdialog')
    expect(dialog).toHaveTextContent('Send the token of ‘staging/staging token’ to api.netrasystems.ai?')
    expect(screen.getByTestId('foreign-host-cancel')).toHaveFocus()
    fireEvent.click(screen.getByTestId('foreign-host-cancel'))
    expect(screen.queryByRole('alertdialog')).toBeNull()
    expect(connects()).toHaveLength(0)

    // Escape is a "no" as well; the question comes back on every connect (a "yes" does not stick).
    fireEvent.click(screen.getByTestId('connect-button'))
    await screen.findByRole('alertdialog')
    fireEvent.keyDown(window, { key: 'Escape' })
    expect(screen.queryByRole('alertdialog')).toBeNull()
    expect(connects()).toHaveLength(0)

    fireEvent.click(screen.getByTestId('connect-button'))
    fireEvent.click(await screen.findByTestId('foreign-host-confirm'))
    await vi.waitFor(() => expect(connects()).toHaveLength(1))
    expect(connects()[0].request).toEqual({
      environmentId: 'production',
      subprotocolStyle: 'jwt',
      credentialId: 'c-staging',
      allowForeignHost: 'api.netrasystems.ai'
    })
    // The next connect asks again: the confirmation was for that one connect.
    await vi.waitFor(() => expect(store.getState().pendingAction).toBeNull())
    await act(() => store.getState().connect())
    expect(store.getState().foreignHostPrompt).toEqual({ credential: 'staging/staging token', hosts: ['api.netrasystems.ai'] })
    expect(connects()).toHaveLength(1)
  })

  it('does not ask for a token of the environment itself', async () => {
    const { fake } = await setup()
    fireEvent.change(screen.getByTestId('env-select'), { target: { value: 'staging' } })
    fireEvent.change(picker(), { target: { value: 'c-staging' } })
    expect(await connectRequest(fake)).toEqual({ environmentId: 'staging', subprotocolStyle: 'jwt', credentialId: 'c-staging' })
    expect(screen.queryByRole('alertdialog')).toBeNull()
  })
})
