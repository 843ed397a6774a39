import { afterEach, describe, expect, it } from 'vitest'
import type { ThemeSource } from '../../shared/api/contract'
import { createBackend, type DesktopShell } from './create-backend'

let backend: ReturnType<typeof createBackend> | undefined
afterEach(async () => {
  await backend?.dispose()
  backend = undefined
})

describe('app.reveal-path and app.set-theme', () => {
  it('without a desktop shell (web host, CLI) reveal nothing and apply nothing, saying so', async () => {
    backend = createBackend({ host: 'web', preflight: null })
    expect(await backend.handlers['app.reveal-path']({ fileName: 'netra-s-1.har' })).toEqual({ path: null, revealed: false })
    expect(await backend.handlers['app.set-theme']({ source: 'dark' })).toEqual({ applied: false })
  })

  it("hand the request to the desktop shell and return what it found", async () => {
    const themes: ThemeSource[] = []
    const desktop: DesktopShell = {
      revealSaved: async (fileName) => (fileName === 'netra-s-1.har' ? { path: `/downloads/${fileName}`, revealed: true } : { path: null, revealed: false }),
      setThemeSource: (source) => void themes.push(source)
    }
    backend = createBackend({ host: 'electron', preflight: null, desktop })
    expect(await backend.handlers['app.reveal-path']({ fileName: 'netra-s-1.har' })).toEqual({ path: '/downloads/netra-s-1.har', revealed: true })
    expect(await backend.handlers['app.reveal-path']({ fileName: 'other.har' })).toEqual({ path: null, revealed: false })
    expect(await backend.handlers['app.set-theme']({ source: 'light' })).toEqual({ applied: true })
    expect(themes).toEqual(['light'])
  })
})
