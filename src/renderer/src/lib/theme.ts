import type { ThemeSource } from '../../../shared/api/contract'

const SOURCES: readonly ThemeSource[] = ['system', 'light', 'dark']

/** Parse a stored theme override; anything else is not one. */
export function parseThemeSource(raw: string): ThemeSource | null {
  return (SOURCES as readonly string[]).includes(raw) ? (raw as ThemeSource) : null
}

/**
 * Apply a theme override to the document: `data-theme` on <html> pins the CSS `color-scheme`
 * (every colour token is a light-dark() pair); without it the OS preference decides.
 */
export function applyThemeSource(source: ThemeSource, root: HTMLElement = document.documentElement): void {
  if (source === 'system') delete root.dataset.theme
  else root.dataset.theme = source
}
