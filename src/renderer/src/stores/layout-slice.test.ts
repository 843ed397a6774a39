// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'
import { createFakeContractClient } from '../test-support/fake-contract-client'
import { createAppStore } from './create-app-store'

afterEach(() => {
  localStorage.clear()
  delete document.documentElement.dataset.theme
})

const newStore = () => createAppStore(createFakeContractClient({ 'app.set-theme': () => ({ applied: false }) }).client)

describe('layout and theme preferences', () => {
  it('remembers panel sizes and collapsed state across a new store (a relaunch), clamped to the limits', () => {
    const first = newStore()
    first.getState().resizePanel('sidebar', 9_999)
    first.getState().resizePanel('bottom', 180)
    first.getState().setPanelCollapsed('bottom', true)
    const second = newStore().getState().panels
    expect(second.sidebar).toEqual({ size: 480, collapsed: false })
    expect(second.bottom).toEqual({ size: 180, collapsed: true })
  })

  it('ignores a stored size that does not parse, and a resize reopens a collapsed panel', () => {
    localStorage.setItem('netra.layout.sidebar', '{"size":"wide"}')
    const store = newStore()
    expect(store.getState().panels.sidebar).toEqual({ size: 200, collapsed: false })
    store.getState().setPanelCollapsed('sidebar', true)
    store.getState().resizePanel('sidebar', 100)
    expect(store.getState().panels.sidebar).toEqual({ size: 160, collapsed: false })
  })

  it('applies, remembers and forwards the theme override; System removes it so the OS decides', () => {
    const fake = createFakeContractClient({ 'app.set-theme': () => ({ applied: true }) })
    const store = createAppStore(fake.client)
    expect(document.documentElement.dataset.theme).toBeUndefined()
    store.getState().setThemeSource('light')
    expect(document.documentElement.dataset.theme).toBe('light')
    expect(newStore().getState().themeSource).toBe('light')
    expect(document.documentElement.dataset.theme).toBe('light')
    store.getState().setThemeSource('system')
    expect(document.documentElement.dataset.theme).toBeUndefined()
    expect(fake.calls.filter((call) => call.method === 'app.set-theme').map((call) => call.request)).toEqual([
      { source: 'system' },
      { source: 'light' },
      { source: 'system' }
    ])
  })
})
