// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest'
import { act, cleanup, fireEvent, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ContractError, type MethodRequest, type MethodResponse } from '../../../shared/api/contract'
import { NoticeStack } from '../components/NoticeStack'
import type { FakeHandlers } from '../test-support/fake-contract-client'
import { renderWithClient } from '../test-support/render-with-client'
import { STARTUP_HANDLERS } from '../test-support/sandbox-fixtures'
import { ExportButtons } from './ExportButtons'

type Saved = { fileName: string; href: string; blob: Blob }
let saved: Saved[] = []
const blobs = new Map<string, Blob>()
const cleanups: (() => void)[] = []

// jsdom has no object URLs and does not download; record what the browser would have saved.
beforeEach(() => {
  let next = 0
  vi.stubGlobal('URL', Object.assign(URL, {
    createObjectURL: vi.fn((blob: Blob) => {
      const href = `blob:netra/${next++}`
      blobs.set(href, blob)
      return href
    }),
    revokeObjectURL: vi.fn((href: string) => blobs.delete(href))
  }))
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ fileName: this.download, href: this.href, blob: blobs.get(this.href) as Blob })
  })
})

// No vitest globals here, so Testing Library cannot register its own cleanup.
afterEach(() => {
  cleanup()
  for (const unbind of cleanups.splice(0)) unbind()
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
  vi.useRealTimers()
  saved = []
  blobs.clear()
})

type ExportedFile = MethodResponse<'session.export'>

/**
 * Answer `session.export-file` with what `exportHandler` renders, and serve it back through
 * `session.export-read` in 16-byte chunks, so a download always takes several reads.
 */
function setup(exportHandler: (request: MethodRequest<'session.export-file'>) => ExportedFile | Promise<ExportedFile>, activeSessionId: string | null = 's-1') {
  const files = new Map<string, Uint8Array>()
  const handlers: FakeHandlers = {
    'session.export-file': async (request) => {
      const file = await exportHandler(request)
      const bytes = new TextEncoder().encode(file.content)
      files.set('x-1', bytes)
      return { exportId: 'x-1', fileName: file.fileName, mimeType: file.mimeType, bytes: bytes.length, records: 3 }
    },
    'session.export-read': ({ exportId, offset }) => {
      const bytes = files.get(exportId) as Uint8Array
      const chunk = bytes.subarray(offset, offset + 16)
      return { base64: btoa(String.fromCharCode(...chunk)), nextOffset: offset + chunk.length, done: offset + chunk.length >= bytes.length }
    }
  }
  const rendered = renderWithClient(
    <>
      <ExportButtons />
      <NoticeStack />
    </>,
    { ...STARTUP_HANDLERS, ...handlers }
  )
  act(() => rendered.store.setState({ activeSessionId }))
  cleanups.push(rendered.unbind)
  return rendered
}

const JUNIT: MethodResponse<'session.export'> = {
  fileName: 'netra-s-1.xml',
  mimeType: 'application/xml',
  content: '<?xml version="1.0"?><testsuites name="netra-diagnostics"/>'
}

describe('ExportButtons', () => {
  it('exports the active session to a file, fetches it in chunks and hands it to the browser as a download', async () => {
    const { fake } = setup(() => JUNIT)
    fireEvent.click(screen.getByTestId('export-junit'))
    await vi.waitFor(() => expect(saved).toHaveLength(1))

    expect(fake.calls.filter((call) => call.method === 'session.export-file').map((call) => call.request)).toEqual([{ sessionId: 's-1', format: 'junit' }])
    const reads = fake.calls.filter((call) => call.method === 'session.export-read').map((call) => (call.request as { offset: number }).offset)
    expect(reads).toEqual([0, 16, 32, 48])
    expect(saved[0].fileName).toBe('netra-s-1.xml')
    expect(saved[0].blob.type).toBe('application/xml')
    expect(await saved[0].blob.text()).toBe(JUNIT.content)
    // The temporary link is gone from the page.
    expect(document.querySelector('a[download]')).toBeNull()
    expect(screen.getByTestId('notice')).toHaveTextContent('netra-s-1.xml')
  })

  it('frees the object URL only after the download has had time to start', async () => {
    vi.useFakeTimers()
    setup(() => JUNIT)
    fireEvent.click(screen.getByTestId('export-ndjson'))
    await vi.waitFor(() => expect(saved).toHaveLength(1))
    expect(URL.revokeObjectURL).not.toHaveBeenCalled()
    vi.advanceTimersByTime(10_000)
    expect(URL.revokeObjectURL).toHaveBeenCalledWith(saved[0].href)
  })

  it('shows progress and blocks a second export while one is in flight', async () => {
    let finish: (file: MethodResponse<'session.export'>) => void = () => undefined
    const { fake } = setup(() => new Promise((resolve) => (finish = resolve)))
    fireEvent.click(screen.getByTestId('export-har'))
    await vi.waitFor(() => expect(screen.getByTestId('export-har')).toHaveTextContent('HAR…'))
    // The backend's progress events show on the busy button; another session's do not.
    act(() => fake.emit('session.export-progress', { sessionId: 's-2', format: 'har', records: 10, totalRecords: 20 }))
    expect(screen.getByTestId('export-har')).toHaveTextContent('HAR…')
    act(() => fake.emit('session.export-progress', { sessionId: 's-1', format: 'har', records: 421, totalRecords: 1000 }))
    expect(screen.getByTestId('export-har')).toHaveTextContent('HAR 42%')
    expect(screen.getByTestId('export-group')).toHaveAttribute('aria-busy', 'true')
    for (const format of ['ndjson', 'har', 'junit', 'markdown']) expect(screen.getByTestId(`export-${format}`)).toBeDisabled()
    fireEvent.click(screen.getByTestId('export-markdown'))

    finish({ fileName: 'netra-s-1.har', mimeType: 'application/json', content: '{}' })
    await vi.waitFor(() => expect(screen.getByTestId('export-har')).toBeEnabled())
    expect(fake.calls.filter((call) => call.method === 'session.export-file')).toHaveLength(1)
    expect(saved.map((file) => file.fileName)).toEqual(['netra-s-1.har'])
  })

  it('turns a failed export into an error toast and downloads nothing', async () => {
    setup(() => Promise.reject(new ContractError('not-found', 'no session with id s-1')))
    fireEvent.click(screen.getByTestId('export-markdown'))
    const toast = await screen.findByRole('alert')
    expect(toast).toHaveTextContent('Could not export the session as MARKDOWN')
    expect(toast).toHaveTextContent('no session with id s-1')
    expect(saved).toEqual([])
    expect(screen.getByTestId('export-markdown')).toBeEnabled()
  })

  it('is disabled without a session', () => {
    setup(() => JUNIT, null)
    expect(screen.getByTestId('export-junit')).toBeDisabled()
  })
})
