// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest'
import { cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ContractError, type MethodRequest } from '../../../../shared/api/contract'
import type { CredentialInfo, KeychainStatus } from '../../../../shared/api/credential-schemas'
import type { FakeContractClient, FakeHandlers } from '../../test-support/fake-contract-client'
import {
  credential,
  KEYCHAIN_AVAILABLE,
  KEYCHAIN_UNAVAILABLE,
  settingsHandlers
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

const SECRET = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjYW5hcnktdXNlciJ9.canary-signature-0f3a9c'

/**
 * The panel over a fake backend that, like the real one, keeps a credential list and pushes
 * `credentials.changed` after every change.
 */
async function setup(
  initial: CredentialInfo[] = [],
  keychain: KeychainStatus = KEYCHAIN_AVAILABLE,
  handlers: FakeHandlers = {}
) {
  let credentials = [...initial]
  let status = keychain
  let fake: FakeContractClient | null = null
  const push = (): void => fake?.emit('credentials.changed', { credentials, keychain: status })
  const rendered = renderWithClient(
    <>
      <SettingsButtons />
      <DrawerHost />
    </>,
    {
      ...settingsHandlers(),
      'credentials.list': () => ({ credentials, keychain: status }),
      'credentials.use-memory-fallback': ({ enabled }) => {
        status = { ...status, memoryFallback: enabled }
        push()
        return { keychain: status }
      },
      'credentials.add': ({ environmentId, label, kind }) => {
        const added = credential({
          id: `c-${credentials.length + 1}`,
          environmentId,
          label,
          kind,
          storage: status.available ? 'keychain' : 'memory'
        })
        credentials = [...credentials, added]
        push()
        return { credential: added }
      },
      'credentials.rename': ({ id, label }) => {
        credentials = credentials.map((entry) => (entry.id === id ? { ...entry, label } : entry))
        push()
        return { credential: credentials.find((entry) => entry.id === id) as CredentialInfo }
      },
      'credentials.remove': ({ id }) => {
        credentials = credentials.filter((entry) => entry.id !== id)
        push()
        return { ok: true as const }
      },
      ...handlers
    }
  )
  fake = rendered.fake
  cleanups.push(rendered.unbind)
  await vi.waitFor(() => expect(rendered.store.getState().keychain).not.toBeNull())
  fireEvent.click(screen.getByTestId('open-credentials'))
  const panel = await screen.findByTestId('credentials-panel')
  return { ...rendered, panel }
}

const requestsOf = <
  M extends
    'credentials.add' | 'credentials.mint-e2e' | 'credentials.use-memory-fallback' | 'credentials.rename'
>(
  fake: FakeContractClient,
  method: M
): MethodRequest<M>[] =>
  fake.calls.filter((call) => call.method === method).map((call) => call.request as MethodRequest<M>)

function row(label: string): HTMLElement {
  const found = screen.getAllByTestId('credential-row').find((element) => element.dataset.label === label)
  if (!found) throw new Error(`no credential row labelled ${label}`)
  return found
}

describe('Credentials panel', () => {
  it('names the keychain’s cause and fix, and opts into session-only memory only when asked', async () => {
    const { fake } = await setup([], KEYCHAIN_UNAVAILABLE)
    const status = await screen.findByTestId('keychain-status')
    expect(status).toHaveAttribute('data-available', 'false')
    expect(screen.getByTestId('keychain-cause')).toHaveTextContent('no D-Bus session bus')
    expect(screen.getByTestId('keychain-fix')).toHaveTextContent('dbus-run-session -- bash')
    expect(status).toHaveTextContent('vanish when the app quits and are never written to disk')
    expect(requestsOf(fake, 'credentials.use-memory-fallback')).toEqual([])

    fireEvent.click(screen.getByTestId('use-memory-fallback'))
    expect(await screen.findByTestId('memory-fallback-on')).toHaveTextContent('Session-only memory is on')
    expect(requestsOf(fake, 'credentials.use-memory-fallback')).toEqual([{ enabled: true }])
  })

  it('says plainly that a credential cannot be kept until the user opts in', async () => {
    await setup([], KEYCHAIN_UNAVAILABLE, {
      'credentials.add': () =>
        Promise.reject(
          new ContractError('keychain-unavailable', 'keychain unavailable: no D-Bus session bus. Fix: …')
        )
    })
    fireEvent.click(screen.getByTestId('add-credential'))
    expect(screen.getByTestId('add-credential-status')).toHaveTextContent('turn on session-only memory above')
    fireEvent.change(screen.getByTestId('credential-label-input'), { target: { value: 'prod token' } })
    fireEvent.change(screen.getByTestId('credential-secret'), { target: { value: SECRET } })
    fireEvent.click(screen.getByTestId('add-credential-submit'))
    expect(await screen.findByTestId('add-credential-error')).toHaveTextContent(
      'Not stored: the OS keychain is unavailable'
    )
    // Kept for another try once memory is on.
    expect(screen.getByTestId('credential-secret')).toHaveValue(SECRET)
  })

  it('sends the secret once, clears the form, and never keeps the secret in the store', async () => {
    const { fake, store } = await setup()
    fireEvent.click(screen.getByTestId('add-credential'))
    fireEvent.change(screen.getByTestId('credential-environment'), { target: { value: 'staging' } })
    fireEvent.change(screen.getByTestId('credential-label-input'), { target: { value: 'ci token' } })
    const secret = screen.getByTestId('credential-secret')
    expect(secret).toHaveAttribute('type', 'password')
    fireEvent.change(secret, { target: { value: SECRET } })
    fireEvent.click(screen.getByTestId('add-credential-submit'))

    expect(await screen.findByText('Added “ci token” ✓')).toBeInTheDocument()
    expect(requestsOf(fake, 'credentials.add')).toEqual([
      { environmentId: 'staging', label: 'ci token', kind: 'access-token', secret: SECRET }
    ])
    expect(screen.getByTestId('credential-secret')).toHaveValue('')
    expect(screen.getByTestId('credential-label-input')).toHaveValue('')
    expect(row('ci token')).toBeInTheDocument()
    // Nothing in the window's state holds the secret, in whole or in part.
    const state = JSON.stringify(store.getState())
    for (const part of [SECRET, ...SECRET.split('.')]) expect(state).not.toContain(part)
    expect(document.body.innerHTML).not.toContain(SECRET)
  })

  it('shows claims and expiry, and flags a staging token kept for production', async () => {
    const expired = credential({
      id: 'c-old',
      label: 'old',
      environmentId: 'staging',
      claims: { sub: 'qa', email: null, env: 'staging', exp: 1 },
      expiresAt: Date.now() - 7_200_000,
      expiry: 'expired'
    })
    const mismatched = credential({
      claims: { sub: 'user-4711', email: 'ana@customer.example', env: 'staging', exp: null }
    })
    await setup([mismatched, expired])
    const prod = row('customer 4711')
    expect(within(prod).getByTestId('credential-claims')).toHaveTextContent(
      'subuser-4711emailana@customer.exampleenvstaging'
    )
    expect(within(prod).getByTestId('credential-mismatch')).toHaveTextContent(
      'staging token for a production environment'
    )
    expect(within(prod).getByTestId('expiry-badge')).toHaveTextContent('valid · expires in 59 min')
    expect(within(row('old')).getByTestId('expiry-badge')).toHaveAttribute('data-expiry', 'expired')
    expect(within(row('old')).getByTestId('expiry-badge')).toHaveTextContent('expired 2 h ago')
    expect(within(row('old')).queryByTestId('credential-mismatch')).toBeNull()
  })

  it('renames in place and deletes after confirming', async () => {
    const { fake } = await setup([credential()])
    fireEvent.click(within(row('customer 4711')).getByTestId('credential-rename'))
    fireEvent.change(screen.getByTestId('credential-rename-input'), {
      target: { value: 'customer 4711 (prod)' }
    })
    fireEvent.click(screen.getByTestId('credential-rename-save'))
    await vi.waitFor(() =>
      expect(within(row('customer 4711 (prod)')).getByTestId('credential-delete')).toBeInTheDocument()
    )
    expect(requestsOf(fake, 'credentials.rename')).toEqual([{ id: 'c-prod', label: 'customer 4711 (prod)' }])

    fireEvent.click(within(row('customer 4711 (prod)')).getByTestId('credential-delete'))
    expect(fake.calls.some((call) => call.method === 'credentials.remove')).toBe(false)
    fireEvent.click(screen.getByTestId('credential-delete-confirmed'))
    await vi.waitFor(() => expect(screen.queryByTestId('credential-row')).toBeNull())
  })

  it('mints an E2E token with a simulation key and picks it for the next session', async () => {
    const key = credential({
      id: 'c-key',
      label: 'qa key',
      kind: 'e2e-simulation-key',
      environmentId: 'staging',
      claims: null,
      expiresAt: null,
      expiry: 'none'
    })
    const minted = credential({
      id: 'c-minted',
      label: 'e2e qa@netrasystems.ai 12:00:00',
      environmentId: 'staging',
      storage: 'memory',
      claims: { sub: 'e2e-1', email: 'qa@netrasystems.ai', env: 'staging', exp: 1 }
    })
    const { fake, store } = await setup([key], KEYCHAIN_AVAILABLE, {
      'credentials.mint-e2e': () => ({ credential: minted })
    })
    fireEvent.click(within(row('qa key')).getByTestId('credential-mint'))
    fireEvent.change(screen.getByTestId('mint-email'), { target: { value: 'qa@netrasystems.ai' } })
    fireEvent.click(screen.getByTestId('mint-submit'))

    const result = await screen.findByTestId('mint-result')
    expect(result).toHaveTextContent('qa@netrasystems.ai')
    expect(within(result).getByTestId('expiry-badge')).toHaveAttribute('data-expiry', 'valid')
    expect(requestsOf(fake, 'credentials.mint-e2e')).toEqual([
      {
        environmentId: 'staging',
        simulationKeyCredentialId: 'c-key',
        email: 'qa@netrasystems.ai',
        store: false
      }
    ])
    fireEvent.click(within(result).getByTestId('mint-use'))
    expect(store.getState()).toMatchObject({ selectedEnvironmentId: 'staging', credentialId: 'c-minted' })
  })
})
