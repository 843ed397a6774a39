// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest'
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { HarWebSocketEntryView } from '../../../../shared/api/har-schemas'
import { HarEntryPicker } from './HarEntryPicker'

// No vitest globals here, so Testing Library cannot register its own cleanup.
afterEach(cleanup)

const entries: HarWebSocketEntryView[] = [
  { index: 3, url: 'wss://api.netrasystems.ai/ws?token=«redacted»', started: '2026-12-01T10:00:00.000Z', status: 101, messages: 1234 },
  { index: 7, url: 'wss://api.netrasystems.ai/ws', started: null, status: 403, messages: 0 },
  { index: 9, url: 'wss://staging/ws', started: '2026-12-01T11:00:00.000Z', status: null, messages: 1 }
]

function renderPicker(issues?: string[]) {
  const onPick = vi.fn()
  const onCancel = vi.fn()
  render(<HarEntryPicker entries={entries} onPick={onPick} onCancel={onCancel} fileName="customer.har" issues={issues} />)
  return { onPick, onCancel, rows: screen.getAllByRole('option'), list: screen.getByRole('listbox') }
}

describe('HarEntryPicker', () => {
  it('shows every entry with its URL, start time, status and message count', () => {
    const { rows } = renderPicker()
    expect(screen.getByRole('dialog')).toHaveAccessibleName('Which WebSocket connection of ‘customer.har’?')
    expect(rows).toHaveLength(3)
    expect(rows[0]).toHaveTextContent('#3')
    expect(rows[0]).toHaveTextContent('wss://api.netrasystems.ai/ws?token=«redacted»')
    expect(within(rows[0]).getByText(/2026/)).toHaveAttribute('datetime', '2026-12-01T10:00:00.000Z')
    expect(rows[0]).toHaveTextContent('101 accepted')
    expect(rows[0]).toHaveTextContent(`${(1234).toLocaleString()} messages`)
    expect(rows[1]).toHaveTextContent('403 refused')
    expect(rows[1]).toHaveTextContent('start time unknown')
    expect(rows[1]).toHaveTextContent('0 messages')
    expect(rows[2]).toHaveTextContent('no response')
    expect(rows[2]).toHaveTextContent('1 message')
    expect(rows[2]).not.toHaveTextContent('1 messages')
  })

  it('is driven by the keyboard: the list has the focus, arrows move, Enter imports the HAR index, Escape cancels', () => {
    const { onPick, onCancel, rows, list } = renderPicker()
    expect(list).toHaveFocus()
    expect(rows[0]).toHaveAttribute('aria-selected', 'true')
    expect(list).toHaveAttribute('aria-activedescendant', 'har-entry-3')
    fireEvent.keyDown(list, { key: 'ArrowDown' })
    fireEvent.keyDown(list, { key: 'ArrowDown' })
    fireEvent.keyDown(list, { key: 'ArrowDown' })
    expect(rows[2]).toHaveAttribute('aria-selected', 'true')
    fireEvent.keyDown(list, { key: 'ArrowUp' })
    expect(list).toHaveAttribute('aria-activedescendant', 'har-entry-7')
    fireEvent.keyDown(list, { key: 'Enter' })
    expect(onPick).toHaveBeenCalledWith(7)
    fireEvent.keyDown(list, { key: 'Home' })
    expect(rows[0]).toHaveAttribute('aria-selected', 'true')
    fireEvent.keyDown(list, { key: 'End' })
    expect(screen.getByTestId('har-picker-import')).toHaveTextContent('Import #9')
    fireEvent.keyDown(list, { key: 'Escape' })
    expect(onCancel).toHaveBeenCalledTimes(1)
  })

  it('selects with a click, imports with a double click or the button, and cancels with its button', () => {
    const { onPick, onCancel, rows } = renderPicker()
    fireEvent.click(rows[1])
    expect(rows[1]).toHaveAttribute('aria-selected', 'true')
    expect(onPick).not.toHaveBeenCalled()
    fireEvent.click(screen.getByTestId('har-picker-import'))
    expect(onPick).toHaveBeenLastCalledWith(7)
    fireEvent.doubleClick(rows[2])
    expect(onPick).toHaveBeenLastCalledWith(9)
    fireEvent.click(screen.getByTestId('har-picker-cancel'))
    expect(onCancel).toHaveBeenCalledTimes(1)
  })

  it('says where a damaged HAR stopped being readable', () => {
    renderPicker(['customer.har:120:7: the HAR stops being readable here (cut off?)'])
    expect(screen.getByTestId('har-picker-issues')).toHaveTextContent('customer.har:120:7')
  })
})
