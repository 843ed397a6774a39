import type { ThemeSource } from '../../../shared/api/contract'
import { readPref, writePref } from '../lib/local-prefs'
import { applyThemeSource, parseThemeSource } from '../lib/theme'
import type { SliceCreator } from './app-state'

const THEME_KEY = 'theme'

/** The theme override (System / Light / Dark), remembered between launches. */
export type ThemeSlice = {
  themeSource: ThemeSource
  /** Choose, remember and apply an override; the host follows it in native parts (Electron's nativeTheme). */
  setThemeSource(source: ThemeSource): void
}

/** Create the theme slice: it starts from the remembered override and applies it at once. */
export const createThemeSlice: SliceCreator<ThemeSlice> =
  ({ client }) =>
  (set) => {
    const apply = (source: ThemeSource): void => {
      applyThemeSource(source)
      // The web host answers applied: false; a failure only leaves native menus on the OS theme.
      client.call('app.set-theme', { source }).catch(() => undefined)
    }
    const initial = readPref(THEME_KEY, parseThemeSource, 'system')
    if (typeof document !== 'undefined') apply(initial)
    return {
      themeSource: initial,
      setThemeSource(source) {
        writePref(THEME_KEY, source)
        apply(source)
        set({ themeSource: source })
      }
    }
  }
