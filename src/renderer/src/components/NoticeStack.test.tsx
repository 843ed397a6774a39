// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest'
import { act, cleanup, fireEvent, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { MethodResponse } from '../../../shared/api/contract'
import { renderWithClient } from '../test-support/render-with-client'
import { NoticeStack } from './NoticeStack'

const cleanups: (() => void)[] = []
afterEach(() => {
  cleanup()
  for (const unbind of cleanups.splice(0)) unbind()
})

function setup(answer: MethodResponse<'app.reveal-path'>) {
  const rendered = renderWithClient(<NoticeStack />, { 'app.reveal-path': () => answer })
  cleanups.push(rendered.unbind)
  act(() => rendered.store.getState().notify('info', 'Exported', 'netra-s-1.har', 'netra-s-1.har'))
  return rendered
}

describe('NoticeStack', () => {
  it('reveals a saved file through app.reveal-path and then shows where it is (Electron)', async () => {
    const { fake } = setup({ path: '/home/me/Downloads/netra-s-1.har', revealed: true })
    expect(screen.getByTestId('notice-path')).toHaveTextContent('netra-s-1.har')
    fireEvent.click(screen.getByTestId('notice-reveal'))
    expect(await screen.findByText('Shown in the file manager.')).toBeInTheDocument()
    expect(screen.getByTestId('notice-path')).toHaveTextContent('/home/me/Downloads/netra-s-1.har')
    expect(fake.calls.filter((call) => call.method === 'app.reveal-path').map((call) => call.request)).toEqual([{ fileName: 'netra-s-1.har' }])
  })

  it('offers to copy the name where the host cannot reveal (a browser keeps its downloads to itself)', async () => {
    setup({ path: null, revealed: false })
    fireEvent.click(screen.getByTestId('notice-reveal'))
    expect(await screen.findByTestId('notice-reveal-unavailable')).toHaveTextContent('downloads folder')
    expect(screen.getByRole('button', { name: 'Copy name' })).toBeInTheDocument()
    expect(screen.queryByTestId('notice-reveal')).toBeNull()
  })

  it('keeps notices without a file as plain text, with no Reveal', () => {
    const rendered = renderWithClient(<NoticeStack />, {})
    cleanups.push(rendered.unbind)
    act(() => rendered.store.getState().notify('error', 'Could not connect', 'ECONNREFUSED'))
    expect(screen.getByTestId('notice')).toHaveTextContent('ECONNREFUSED')
    expect(screen.queryByTestId('notice-reveal')).toBeNull()
  })
})
