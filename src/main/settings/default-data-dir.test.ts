import { describe, expect, it } from 'vitest'
import { defaultDataDir } from './default-data-dir'

describe('defaultDataDir', () => {
  it('uses $XDG_CONFIG_HOME/netra-diagnostics on Linux, else ~/.config (like Electron userData)', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/x/config' }, 'linux', '/home/u')).toBe('/x/config/netra-diagnostics')
    expect(defaultDataDir({}, 'linux', '/home/u')).toBe('/home/u/.config/netra-diagnostics')
    expect(defaultDataDir({ XDG_CONFIG_HOME: 'relative/path' }, 'linux', '/home/u')).toBe('/home/u/.config/netra-diagnostics')
  })
  it("follows Electron's appData on macOS and Windows, and honours NETRA_DIAG_DATA_DIR", () => {
    expect(defaultDataDir({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/netra-diagnostics')
    expect(defaultDataDir({ NETRA_DIAG_DATA_DIR: '/tmp/d', XDG_CONFIG_HOME: '/x' }, 'linux', '/home/u')).toBe('/tmp/d')
  })
})
