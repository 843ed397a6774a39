import { describe, expect, it, vi } from 'vitest'
import { EVENT_NAMES, METHOD_NAMES, eventChannel, methodChannel } from '../shared/api/contract'
import {
  BRIDGE_EVENT_NAMES,
  BRIDGE_METHOD_NAMES,
  bridgeEventChannel,
  bridgeMethodChannel
} from './contract-names'
import { buildNetraBridge, type IpcRendererLike } from './expose-contract'

type Listener = (event: unknown, ...args: unknown[]) => void

/** An ipcRenderer-shaped fake: records invokes, keeps real listener sets. */
function fakeIpcRenderer() {
  const listeners = new Map<string, Set<Listener>>()
  const invoke = vi.fn(async (channel: string, ...args: unknown[]) => ({
    ok: true,
    result: { channel, args }
  }))
  const ipc: IpcRendererLike = {
    invoke,
    on(channel, listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set())
      listeners.get(channel)!.add(listener)
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener)
    }
  }
  const emit = (channel: string, payload: unknown): void => {
    for (const listener of listeners.get(channel) ?? []) listener({ sender: 'the-ipc-event' }, payload)
  }
  const count = (channel: string): number => listeners.get(channel)?.size ?? 0
  return { ipc, invoke, emit, count }
}

describe('preload bridge', () => {
  it('lists exactly the contract names and channels', () => {
    expect([...BRIDGE_METHOD_NAMES]).toEqual(METHOD_NAMES)
    expect([...BRIDGE_EVENT_NAMES]).toEqual(EVENT_NAMES)
    for (const method of METHOD_NAMES) expect(bridgeMethodChannel(method)).toBe(methodChannel(method))
    for (const event of EVENT_NAMES) expect(bridgeEventChannel(event)).toBe(eventChannel(event))
  })

  it('exposes one function per method and per event, and nothing else', () => {
    const bridge = buildNetraBridge(fakeIpcRenderer().ipc)
    expect(Object.keys(bridge)).toEqual(['methods', 'events'])
    expect(Object.keys(bridge.methods)).toEqual(METHOD_NAMES)
    expect(Object.keys(bridge.events)).toEqual(EVENT_NAMES)
    for (const fn of [...Object.values(bridge.methods), ...Object.values(bridge.events)]) {
      expect(typeof fn).toBe('function')
    }
    expect(Object.isFrozen(bridge) && Object.isFrozen(bridge.methods) && Object.isFrozen(bridge.events)).toBe(
      true
    )
  })

  it('invokes the method channel with the request only, and returns the reply', async () => {
    const { ipc, invoke } = fakeIpcRenderer()
    const bridge = buildNetraBridge(ipc)
    const request = { sessionId: 's1', text: 'hi', mode: 'raw' as const }
    const reply = await bridge.methods['session.send'](request)
    expect(invoke).toHaveBeenCalledTimes(1)
    expect(invoke).toHaveBeenCalledWith('netra:call:session.send', request)
    expect(reply).toEqual({ ok: true, result: { channel: 'netra:call:session.send', args: [request] } })

    await bridge.methods['app.info']({})
    expect(invoke).toHaveBeenLastCalledWith('netra:call:app.info', {})
  })

  it('delivers only the payload to event listeners and unsubscribes cleanly', () => {
    const { ipc, emit, count } = fakeIpcRenderer()
    const bridge = buildNetraBridge(ipc)
    const channel = 'netra:event:sessions.changed'
    const first = vi.fn()
    const second = vi.fn()
    const unsubscribeFirst = bridge.events['sessions.changed'](first)
    const unsubscribeSecond = bridge.events['sessions.changed'](second)
    expect(count(channel)).toBe(2)

    emit(channel, { sessions: [] })
    expect(first).toHaveBeenCalledWith({ sessions: [] })
    expect(first.mock.calls[0]).toHaveLength(1)

    unsubscribeFirst()
    unsubscribeFirst()
    expect(count(channel)).toBe(1)
    emit(channel, { sessions: [] })
    expect(first).toHaveBeenCalledTimes(1)
    expect(second).toHaveBeenCalledTimes(2)

    unsubscribeSecond()
    expect(count(channel)).toBe(0)
    // Another event's channel is untouched by these subscriptions.
    expect(count('netra:event:session.records')).toBe(0)
  })

  it('rejects a non-function listener instead of registering it', () => {
    const { ipc, count } = fakeIpcRenderer()
    const bridge = buildNetraBridge(ipc)
    expect(() => bridge.events['session.records']('nope' as never)).toThrow(TypeError)
    expect(count('netra:event:session.records')).toBe(0)
  })
})

describe('preload entry', () => {
  it('exposes the bridge as window.netra, a file-path helper as window.netraFiles, and nothing else', async () => {
    const exposeInMainWorld = vi.fn()
    const getPathForFile = vi.fn(() => '/picked/file.ndjson')
    vi.doMock('electron', () => ({
      contextBridge: { exposeInMainWorld },
      ipcRenderer: fakeIpcRenderer().ipc,
      webUtils: { getPathForFile }
    }))
    await import('./index')
    expect(exposeInMainWorld.mock.calls.map((call) => call[0])).toEqual(['netra', 'netraFiles'])
    const [, api] = exposeInMainWorld.mock.calls[0] as [string, Record<string, object>]
    expect(Object.keys(api)).toEqual(['methods', 'events'])
    expect(Object.keys(api.methods!)).toEqual(METHOD_NAMES)
    // The file helper only turns a dropped or picked File into its path (the main process validates it).
    const [, files] = exposeInMainWorld.mock.calls[1] as [string, { pathForFile: (file: unknown) => string }]
    expect(Object.keys(files)).toEqual(['pathForFile'])
    expect(files.pathForFile({ name: 'file.ndjson' })).toBe('/picked/file.ndjson')
    vi.doUnmock('electron')
  })
})
