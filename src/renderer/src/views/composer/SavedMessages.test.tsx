// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest'
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { ContractError } from '../../../../shared/api/contract'
import type { SavedMessage } from '../../../../shared/api/saved-message-schemas'
import { renderWithClient } from '../../test-support/render-with-client'
import { STARTUP_HANDLERS } from '../../test-support/sandbox-fixtures'
import { Composer } from '../Composer'

afterEach(cleanup)

/**
 * A backend for `messages.*` that keeps what it is given per environment and refuses what the real
 * one refuses (a taken name, the "stored token"), so the composer is driven through whole round trips.
 */
function messagesBackend() {
  const byEnvironment = new Map<string, SavedMessage[]>()
  let next = 1
  const list = (environmentId: string) => ({
    environmentId,
    messages: [...(byEnvironment.get(environmentId) ?? [])].sort((a, b) => a.name.localeCompare(b.name))
  })
  const of = (environmentId: string): SavedMessage[] => byEnvironment.get(environmentId) ?? byEnvironment.set(environmentId, []).get(environmentId) ?? []
  return {
    byEnvironment,
    handlers: {
      ...STARTUP_HANDLERS,
      'messages.list': ({ environmentId }: { environmentId: string }) => list(environmentId),
      'messages.save': ({ environmentId, name, text, mode, replace }: { environmentId: string; name: string; text: string; mode: 'raw' | 'user_message'; replace?: boolean }) => {
        if (text.includes('SECRET-TOKEN')) throw new ContractError('invalid-request', 'the message contains the secret of credential "qa" of this environment; it was not saved')
        const messages = of(environmentId)
        const taken = messages.find((message) => message.name.toLowerCase() === name.trim().toLowerCase())
        if (taken && !replace) throw new ContractError('invalid-request', `a saved message named "${taken.name}" already exists; replace it or choose another name`)
        if (taken) Object.assign(taken, { text, mode })
        else messages.push({ id: `m${next++}`, name: name.trim(), text, mode, savedAt: '2026-12-01T12:00:00.000Z' })
        return list(environmentId)
      },
      'messages.rename': ({ environmentId, id, name }: { environmentId: string; id: string; name: string }) => {
        const message = of(environmentId).find((candidate) => candidate.id === id)
        if (message) message.name = name
        return list(environmentId)
      },
      'messages.remove': ({ environmentId, id }: { environmentId: string; id: string }) => {
        byEnvironment.set(environmentId, of(environmentId).filter((candidate) => candidate.id !== id))
        return list(environmentId)
      }
    }
  }
}

async function setup() {
  const backend = messagesBackend()
  const rendered = renderWithClient(<Composer />, backend.handlers)
  await waitFor(() => expect(rendered.store.getState().savedMessagesEnvironmentId).toBe('sandbox'))
  const text = screen.getByTestId('composer-text') as HTMLTextAreaElement
  return { ...rendered, backend, text }
}

const rows = (): string[] => screen.queryAllByTestId('saved-row').map((row) => row.dataset.name ?? '')

describe('Composer saved messages', () => {
  it('saves with Ctrl+S and a name, inserts with Ctrl+O and Enter (text and mode), from the keyboard only', async () => {
    const { text, backend, unbind } = await setup()
    fireEvent.change(text, { target: { value: '{"type":"ping"}' } })
    fireEvent.change(screen.getByTestId('composer-mode'), { target: { value: 'raw' } })
    fireEvent.keyDown(text, { key: 's', ctrlKey: true })
    const name = screen.getByTestId('saved-name')
    expect(name).toHaveFocus()
    fireEvent.change(name, { target: { value: 'Ping' } })
    fireEvent.keyDown(name, { key: 'Enter' })
    await waitFor(() => expect(rows()).toEqual(['Ping']))
    expect(backend.byEnvironment.get('sandbox')).toEqual([expect.objectContaining({ name: 'Ping', text: '{"type":"ping"}', mode: 'raw' })])
    expect(screen.getByTestId('composer-saved')).toHaveTextContent('Saved · 1')

    // Esc closes and gives the focus back; the composer moves on to another message.
    fireEvent.keyDown(screen.getByTestId('saved-messages'), { key: 'Escape' })
    expect(screen.queryByTestId('saved-messages')).toBeNull()
    expect(text).toHaveFocus()
    fireEvent.change(text, { target: { value: 'something else' } })
    fireEvent.change(screen.getByTestId('composer-mode'), { target: { value: 'user_message' } })

    fireEvent.keyDown(text, { key: 'o', ctrlKey: true })
    const list = screen.getByTestId('saved-list')
    expect(list).toHaveFocus()
    fireEvent.keyDown(list, { key: 'Enter' })
    expect(text).toHaveValue('{"type":"ping"}')
    expect(screen.getByTestId('composer-mode')).toHaveValue('raw')
    expect(screen.queryByTestId('saved-messages')).toBeNull()
    unbind()
  })

  it('offers Replace for a taken name, renames with F2, deletes only on a second Delete', async () => {
    const { text, unbind } = await setup()
    fireEvent.keyDown(text, { key: 's', ctrlKey: true })
    for (const [value, label] of [['one', 'B'], ['two', 'A'], ['three', 'b']]) {
      fireEvent.change(text, { target: { value } })
      fireEvent.change(screen.getByTestId('saved-name'), { target: { value: label } })
      fireEvent.keyDown(screen.getByTestId('saved-name'), { key: 'Enter' })
      await waitFor(() => expect(screen.getByTestId('saved-name')).toHaveValue(label === 'b' ? 'b' : ''))
    }
    // The name field keeps "b" at once; the conflict comes back from the store a moment later.
    expect(await screen.findByTestId('saved-error')).toHaveTextContent('"B" already exists')
    fireEvent.click(screen.getByTestId('saved-replace'))
    await waitFor(() => expect(screen.queryByTestId('saved-error')).toBeNull())
    expect(rows()).toEqual(['A', 'B'])

    const list = screen.getByTestId('saved-list')
    fireEvent.keyDown(list, { key: 'ArrowDown' })
    fireEvent.keyDown(list, { key: 'F2' })
    const rename = screen.getByTestId('saved-rename')
    fireEvent.change(rename, { target: { value: 'Bravo' } })
    fireEvent.keyDown(rename, { key: 'Enter' })
    await waitFor(() => expect(rows()).toEqual(['A', 'Bravo']))

    fireEvent.keyDown(list, { key: 'Delete' })
    expect(rows()).toEqual(['A', 'Bravo'])
    expect(within(screen.getAllByTestId('saved-row')[1]).getByText('Delete again to remove')).toBeInTheDocument()
    fireEvent.keyDown(list, { key: 'Delete' })
    await waitFor(() => expect(rows()).toEqual(['A']))
    unbind()
  })

  it("shows the backend's refusal of a message carrying a secret, and keeps the composer's text", async () => {
    const { text, unbind } = await setup()
    fireEvent.change(text, { target: { value: 'Bearer SECRET-TOKEN' } })
    fireEvent.keyDown(text, { key: 's', ctrlKey: true })
    fireEvent.change(screen.getByTestId('saved-name'), { target: { value: 'leaky' } })
    await act(async () => {
      fireEvent.keyDown(screen.getByTestId('saved-name'), { key: 'Enter' })
    })
    expect(await screen.findByTestId('saved-error')).toHaveTextContent('contains the secret of credential "qa"')
    expect(screen.queryByTestId('saved-replace')).toBeNull()
    expect(rows()).toEqual([])
    expect(text).toHaveValue('Bearer SECRET-TOKEN')
    unbind()
  })
})
