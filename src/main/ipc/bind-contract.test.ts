import { describe, expect, it, vi } from 'vitest'
import { METHOD_NAMES, eventChannel, methodChannel } from '../../shared/api/contract'
import type { IpcReply } from '../../preload/netra-bridge'
import { createFakeBackend } from '../web/testing/fake-backend'
import { bindContract, type InvokeEventLike, type IpcMainLike, type WebContentsLike } from './bind-contract'
import { createAppUrlCheck, createTrustedSenderCheck, type SenderFrame } from './trusted-sender'

const APP_URL = 'app://renderer/index.html'
/** Where the renderer used to load from: any local file shares this origin, so it is trusted no more. */
const FILE_URL = 'file:///opt/netra/resources/app.asar/out/renderer/index.html'
const isTrustedSender = createTrustedSenderCheck(createAppUrlCheck())

type Handler = (event: InvokeEventLike, ...args: unknown[]) => Promise<IpcReply>

/** An ipcMain-shaped fake: keeps handlers by channel, like Electron (one per channel). */
function fakeIpcMain() {
  const handlers = new Map<string, Handler>()
  const ipcMain: IpcMainLike = {
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`)
      handlers.set(channel, listener)
    },
    removeHandler(channel) {
      handlers.delete(channel)
    }
  }
  const invoke = (channel: string, frame: SenderFrame | null, request: unknown): Promise<IpcReply> => {
    const handler = handlers.get(channel)
    if (!handler) throw new Error(`no handler for ${channel}`)
    return handler({ senderFrame: frame }, request)
  }
  return { ipcMain, handlers, invoke }
}

function fakeWebContents(
  url = APP_URL
): WebContentsLike & { send: ReturnType<typeof vi.fn>; destroyed: boolean } {
  const contents = {
    send: vi.fn(),
    destroyed: false,
    isDestroyed: () => contents.destroyed,
    mainFrame: { url, parent: null }
  }
  return contents
}

function setup(contents: WebContentsLike | null = fakeWebContents()) {
  const backend = createFakeBackend('electron')
  const ipc = fakeIpcMain()
  const unbind = bindContract(ipc.ipcMain, backend, isTrustedSender, () => contents)
  return { backend, ipc, unbind }
}

const appFrame: SenderFrame = { url: APP_URL, parent: null }

describe('bindContract', () => {
  it('registers exactly one handler per contract method', () => {
    const { ipc } = setup()
    expect([...ipc.handlers.keys()]).toEqual(METHOD_NAMES.map(methodChannel))
  })

  it('answers a valid call from the app page with the response', async () => {
    const { ipc, backend } = setup()
    const reply = await ipc.invoke(methodChannel('session.connect'), appFrame, { environmentId: 'sandbox' })
    expect(reply).toEqual({ ok: true, result: { sessionId: 'session-for-sandbox' } })
    expect(backend.calls).toEqual([{ method: 'session.connect', request: { environmentId: 'sandbox' } }])
  })

  it('rejects an invalid payload with the schema message, without calling the backend', async () => {
    const { ipc, backend } = setup()
    const reply = await ipc.invoke(methodChannel('session.disconnect'), appFrame, {
      sessionId: 's1',
      code: 1001
    })
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'invalid-request',
        message: 'session.disconnect: code: close code must be 1000 or in 3000–4999 (RFC 6455 §7.4)'
      }
    })
    const extra = await ipc.invoke(methodChannel('app.info'), appFrame, { sneaky: true })
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    expect(backend.calls).toEqual([])
  })

  it('carries the backend error code across', async () => {
    const { ipc } = setup()
    const reply = await ipc.invoke(methodChannel('session.records'), appFrame, {
      sessionId: 'missing',
      fromSeq: 0
    })
    expect(reply).toEqual({ ok: false, error: { code: 'not-found', message: 'no session missing' } })
  })

  it.each<[string, SenderFrame | null]>([
    ['a foreign page', { url: 'https://evil.example/', parent: null }],
    ['another local file', { url: 'file:///etc/passwd', parent: null }],
    ['the renderer loaded over file://', { url: FILE_URL, parent: null }],
    ['another app:// host', { url: 'app://evil/index.html', parent: null }],
    ['a subframe of the app page', { url: APP_URL, parent: { url: APP_URL } }],
    ['a missing frame', null]
  ])('refuses %s without calling the backend', async (_label, frame) => {
    const { ipc, backend } = setup()
    const reply = await ipc.invoke(methodChannel('app.info'), frame, {})
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(backend.calls).toEqual([])
  })

  it('treats a sender check that throws (destroyed frame) as untrusted', async () => {
    const backend = createFakeBackend('electron')
    const ipc = fakeIpcMain()
    bindContract(
      ipc.ipcMain,
      backend,
      () => {
        throw new Error('Render frame was disposed')
      },
      () => null
    )
    expect(await ipc.invoke(methodChannel('app.info'), appFrame, {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' }
    })
  })

  it('forwards events to the window on the event channel', () => {
    const contents = fakeWebContents()
    const { backend } = setup(contents)
    backend.emit('session.records', { sessionId: 's1', records: [] })
    expect(contents.send).toHaveBeenCalledWith(eventChannel('session.records'), {
      sessionId: 's1',
      records: []
    })
  })

  it('does not forward events to a destroyed, missing or foreign window', () => {
    const destroyed = fakeWebContents()
    destroyed.destroyed = true
    setup(destroyed).backend.emit('sessions.changed', { sessions: [] })
    expect(destroyed.send).not.toHaveBeenCalled()

    expect(() => setup(null).backend.emit('sessions.changed', { sessions: [] })).not.toThrow()

    const foreign = fakeWebContents('https://evil.example/')
    setup(foreign).backend.emit('sessions.changed', { sessions: [] })
    expect(foreign.send).not.toHaveBeenCalled()
  })

  it('unbind removes every handler and stops forwarding events', () => {
    const contents = fakeWebContents()
    const { ipc, backend, unbind } = setup(contents)
    unbind()
    unbind()
    expect(ipc.handlers.size).toBe(0)
    expect(backend.listenerCount()).toBe(0)
    backend.emit('sessions.changed', { sessions: [] })
    expect(contents.send).not.toHaveBeenCalled()
  })
})

describe('app page checks', () => {
  it('accepts the app://renderer origin, with or without query and hash, and nothing else', () => {
    const isApp = createAppUrlCheck()
    expect(isApp(APP_URL)).toBe(true)
    expect(isApp(`${APP_URL}?x=1#/sessions`)).toBe(true)
    expect(isApp('app://renderer/')).toBe(true)
    expect(isApp('app://renderer.evil/index.html')).toBe(false)
    expect(isApp('app://evil/index.html')).toBe(false)
    expect(isApp('app://user:pw@renderer/index.html')).toBe(false)
    expect(isApp('app://renderer:8080/index.html')).toBe(false)
    expect(isApp(FILE_URL)).toBe(false)
    expect(isApp('file:///etc/passwd')).toBe(false)
    expect(isApp('http://localhost:5173/')).toBe(false)
    expect(isApp('https://renderer/index.html')).toBe(false)
    expect(isApp('not a url')).toBe(false)
  })

  it('accepts the dev server origin only when one is configured', () => {
    const isApp = createAppUrlCheck({ devServerUrl: 'http://localhost:5173' })
    expect(isApp('http://localhost:5173/')).toBe(true)
    expect(isApp('http://localhost:5173/index.html?x=1')).toBe(true)
    expect(isApp('http://localhost:5174/')).toBe(false)
    expect(isApp('https://localhost:5173/')).toBe(false)
    expect(isApp('http://evil.example/')).toBe(false)
    expect(isApp(APP_URL)).toBe(true)
  })
})
