// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest'
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ContractError, type MethodRequest, type SandboxStatus } from '../../../../shared/api/contract'
import type { FakeContractClient } from '../../test-support/fake-contract-client'
import { renderWithClient } from '../../test-support/render-with-client'
import { SANDBOX_CATALOG, sandboxStatus, STARTUP_HANDLERS } from '../../test-support/sandbox-fixtures'
import { DrawerHost } from '../DrawerHost'
import { EnvironmentPicker } from '../EnvironmentPicker'

const cleanups: (() => void)[] = []
// No vitest globals here, so Testing Library cannot register its own cleanup.
afterEach(() => {
  cleanup()
  for (const unbind of cleanups.splice(0)) unbind()
})

type Configure = (request: MethodRequest<'sandbox.configure'>, status: SandboxStatus) => SandboxStatus

/**
 * The top bar's environment picker (chips, Sandbox button) and the drawer host, over a fake backend
 * that keeps a sandbox status and, like the real one, pushes `sandbox.changed` when configured.
 */
async function setup(configure: Configure = (request, status) => ({ ...status, ...request })) {
  let status = sandboxStatus()
  let fake: FakeContractClient | null = null
  const rendered = renderWithClient(
    <>
      <EnvironmentPicker />
      <DrawerHost />
    </>,
    {
      ...STARTUP_HANDLERS,
      'sandbox.status': () => status,
      'sandbox.catalog': () => SANDBOX_CATALOG,
      'sandbox.configure': (request) => {
        status = configure(request, status)
        fake?.emit('sandbox.changed', status)
        return status
      }
    }
  )
  fake = rendered.fake
  cleanups.push(rendered.unbind)
  await screen.findByTestId('sandbox-generation-chip')
  fireEvent.click(screen.getByTestId('sandbox-button'))
  const panel = await screen.findByTestId('sandbox-panel')
  await within(panel).findByTestId('fault-list')
  return { ...rendered, panel }
}

function fault(panel: HTMLElement, id: string): HTMLElement {
  const row = within(panel)
    .getAllByTestId('fault-option')
    .find((element) => element.dataset.fault === id)
  if (!row) throw new Error(`no row for fault ${id}`)
  return row
}

const configureCalls = (fake: FakeContractClient) => fake.calls.filter((call) => call.method === 'sandbox.configure').map((call) => call.request)

describe('SandboxPanel', () => {
  it('lists the catalog: generations with descriptions, every fault, restricted ones marked', async () => {
    const { panel } = await setup()
    const generation = within(panel).getByTestId('sandbox-generation')
    expect(within(generation).getAllByRole('option').map((option) => option.textContent)).toEqual([
      'beta-10 (wrapped events)',
      'Component close codes (Sept 2025)',
      'beta-17 (flat events) — active'
    ])
    expect(within(panel).getByTestId('sandbox-generation-description')).toHaveTextContent('flat agent events')
    expect(within(panel).getAllByTestId('fault-option').map((row) => row.dataset.fault)).toEqual(SANDBOX_CATALOG.faults.map((f) => f.id))
    expect(fault(panel, 'try-again-1013')).toHaveTextContent('Try again later (1013)')
    expect(fault(panel, 'try-again-1013')).toHaveTextContent('Service temporarily unavailable')
    expect(within(panel).getByTestId('sandbox-next-connection')).toHaveTextContent(/apply to the next connection/i)

    // Written for component-codes: marked under beta-17, not once component-codes is picked.
    expect(fault(panel, 'redis-failure')).toHaveAttribute('data-applies', 'false')
    expect(within(fault(panel, 'redis-failure')).getByTestId('fault-not-applicable')).toHaveTextContent('beta-17')
    fireEvent.change(generation, { target: { value: 'component-codes' } })
    expect(fault(panel, 'redis-failure')).toHaveAttribute('data-applies', 'true')
    expect(within(panel).queryByTestId('fault-not-applicable')).toBeNull()
  })

  it('searches the checklist by id, title or description', async () => {
    const { panel } = await setup()
    fireEvent.change(within(panel).getByTestId('fault-search'), { target: { value: '1013' } })
    expect(within(panel).getAllByTestId('fault-option').map((row) => row.dataset.fault)).toEqual(['try-again-1013'])
    fireEvent.change(within(panel).getByTestId('fault-search'), { target: { value: 'redis' } })
    expect(within(panel).getAllByTestId('fault-option').map((row) => row.dataset.fault)).toEqual(['redis-degraded', 'redis-failure'])
    expect(within(panel).getByTestId('fault-count')).toHaveTextContent('2 of 4 shown')
  })

  it('shows the ticked faults only, keeping one that is unticked there until the filter is off', async () => {
    const { panel } = await setup()
    fireEvent.click(within(fault(panel, 'redis-degraded')).getByRole('checkbox'))
    fireEvent.click(within(fault(panel, 'try-again-1013')).getByRole('checkbox'))
    fireEvent.click(within(panel).getByLabelText('Ticked only'))
    const shown = () => within(panel).getAllByTestId('fault-option').map((row) => row.dataset.fault)
    expect(shown()).toEqual(['redis-degraded', 'try-again-1013'])
    fireEvent.click(within(fault(panel, 'redis-degraded')).getByRole('checkbox'))
    expect(shown()).toEqual(['redis-degraded', 'try-again-1013'])
    expect(within(panel).getByTestId('fault-count')).toHaveTextContent('1 ticked')
    fireEvent.click(within(panel).getByLabelText('Ticked only'))
    fireEvent.click(within(panel).getByLabelText('Ticked only'))
    expect(shown()).toEqual(['try-again-1013'])
  })

  it('applies the chosen generation, triage and faults with sandbox.configure, then shows them as chips', async () => {
    const { fake, panel } = await setup()
    expect(within(panel).getByTestId('sandbox-apply')).toBeDisabled()
    fireEvent.click(within(fault(panel, 'try-again-1013')).getByRole('checkbox'))
    fireEvent.click(within(fault(panel, 'redis-degraded')).getByRole('checkbox'))
    fireEvent.change(within(panel).getByTestId('sandbox-generation'), { target: { value: 'beta-10' } })
    fireEvent.change(within(panel).getByTestId('sandbox-triage'), { target: { value: 'sufficient' } })
    expect(within(panel).getByTestId('sandbox-apply-status')).toHaveTextContent('Unsaved changes')
    // Nothing is sent before Apply.
    expect(configureCalls(fake)).toEqual([])

    fireEvent.click(within(panel).getByTestId('sandbox-apply'))
    await vi.waitFor(() => expect(within(panel).getByTestId('sandbox-apply-status')).toHaveTextContent('Applied'))
    expect(configureCalls(fake)).toEqual([{ generation: 'beta-10', triage: 'sufficient', faults: ['try-again-1013', 'redis-degraded'] }])
    expect(screen.getByTestId('sandbox-generation-chip')).toHaveTextContent('beta-10')
    expect(screen.getAllByTestId('sandbox-fault-chip').map((chip) => chip.textContent)).toEqual(['⚠ try-again-1013', '⚠ redis-degraded'])
    expect(within(panel).getByTestId('sandbox-apply')).toBeDisabled()
  })

  it('shows the backend’s refusal inline, keeps the draft, and still shows it after reopening', async () => {
    const { fake, panel, store } = await setup((request, status) => {
      const unknown = (request.faults ?? []).filter((id) => !SANDBOX_CATALOG.faults.some((known) => known.id === id.split(':')[0]))
      if (unknown.length) throw new ContractError('invalid-request', `unknown sandbox fault(s): ${unknown.join(', ')}`)
      return { ...status, ...request }
    })
    fireEvent.click(within(fault(panel, 'try-again-1013')).getByRole('checkbox'))
    fireEvent.change(within(panel).getByTestId('fault-id-input'), { target: { value: 'no-such-fault' } })
    fireEvent.click(within(panel).getByTestId('fault-id-add'))
    expect(within(panel).getByTestId('unlisted-faults')).toHaveTextContent('no-such-fault')

    fireEvent.click(within(panel).getByTestId('sandbox-apply'))
    const error = await within(panel).findByTestId('sandbox-error')
    expect(error).toHaveAttribute('role', 'alert')
    expect(error).toHaveTextContent('unknown sandbox fault(s): no-such-fault')
    expect(within(panel).getByTestId('sandbox-apply-status')).toHaveTextContent('Unsaved changes')
    expect(configureCalls(fake)).toHaveLength(1)
    // Nothing became active.
    expect(screen.queryAllByTestId('sandbox-fault-chip')).toEqual([])

    // Closing the panel loses neither the picks nor the error.
    fireEvent.click(within(panel).getByTestId('drawer-close'))
    expect(screen.queryByTestId('sandbox-panel')).toBeNull()
    fireEvent.click(screen.getByTestId('sandbox-button'))
    const reopened = await screen.findByTestId('sandbox-panel')
    expect(within(reopened).getByTestId('sandbox-error')).toHaveTextContent('no-such-fault')
    expect(within(fault(reopened, 'try-again-1013')).getByRole('checkbox')).toBeChecked()
    expect(store.getState().sandboxDraft?.faults).toEqual(['try-again-1013', 'no-such-fault'])

    // Fixing the draft and applying again clears the error.
    fireEvent.click(within(within(reopened).getByTestId('unlisted-faults')).getByRole('button', { name: 'Remove no-such-fault' }))
    fireEvent.click(within(reopened).getByTestId('sandbox-apply'))
    await vi.waitFor(() => expect(within(reopened).queryByTestId('sandbox-error')).toBeNull())
    expect(screen.getAllByTestId('sandbox-fault-chip').map((chip) => chip.textContent)).toEqual(['⚠ try-again-1013'])
  })

  it('follows sandbox.changed from elsewhere (the CLI, another window)', async () => {
    const { fake, panel } = await setup()
    act(() => fake.emit('sandbox.changed', sandboxStatus({ running: true, generation: 'component-codes', faults: ['redis-failure', 'slow-llm:8000'] })))
    expect(screen.getByTestId('sandbox-generation-chip')).toHaveTextContent('component-codes')
    expect(within(panel).getByTestId('sandbox-generation')).toHaveValue('component-codes')
    expect(within(fault(panel, 'redis-failure')).getByRole('checkbox')).toBeChecked()
    // A fault the catalog does not list is shown, not dropped.
    expect(within(panel).getByTestId('unlisted-faults')).toHaveTextContent('slow-llm:8000')
    expect(within(panel).getByTestId('sandbox-apply')).toBeDisabled()
  })

  it('clears every fault at once, keeping the generation and any drafted triage change', async () => {
    const { fake, panel } = await setup()
    fireEvent.change(within(panel).getByTestId('sandbox-generation'), { target: { value: 'beta-10' } })
    fireEvent.click(within(fault(panel, 'try-again-1013')).getByRole('checkbox'))
    fireEvent.click(within(panel).getByTestId('sandbox-apply'))
    await screen.findByTestId('sandbox-fault-chip')
    fireEvent.change(within(panel).getByTestId('sandbox-triage'), { target: { value: 'sufficient' } })

    fireEvent.click(within(panel).getByTestId('sandbox-clear-faults'))
    // The chips follow the pushed status; the draft is settled once the call itself returns.
    await vi.waitFor(() => expect(within(fault(panel, 'try-again-1013')).getByRole('checkbox')).not.toBeChecked())
    expect(screen.queryAllByTestId('sandbox-fault-chip')).toEqual([])
    expect(configureCalls(fake).at(-1)).toEqual({ faults: [] })
    expect(screen.getByTestId('sandbox-generation-chip')).toHaveTextContent('beta-10')
    expect(within(panel).getByTestId('sandbox-clear-faults')).toBeDisabled()
    // The triage edit was not applied by the clear; it is still waiting for Apply.
    expect(within(panel).getByTestId('sandbox-triage')).toHaveValue('sufficient')
    expect(within(panel).getByTestId('sandbox-apply')).toBeEnabled()
  })
})
