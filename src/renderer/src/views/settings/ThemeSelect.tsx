import type { ThemeSource } from '../../../../shared/api/contract'
import { parseThemeSource } from '../../lib/theme'
import { useAppStore } from '../../stores/use-app-store'

/** The theme override: follow the OS, or force light or dark. */
export function ThemeSelect() {
  const source = useAppStore((state) => state.themeSource)
  const setSource = useAppStore((state) => state.setThemeSource)
  return (
    <select
      className="select select-compact theme-select"
      aria-label="Theme"
      title="Theme: follow the system, or force light or dark"
      data-testid="theme-select"
      value={source}
      onChange={(event) => setSource(parseThemeSource(event.target.value) ?? ('system' satisfies ThemeSource))}
    >
      <option value="system">System theme</option>
      <option value="light">Light</option>
      <option value="dark">Dark</option>
    </select>
  )
}
