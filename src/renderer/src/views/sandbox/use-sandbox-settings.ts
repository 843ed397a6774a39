import { useMemo } from 'react'
import { sameSettings, settingsOf, type SandboxSettings } from '../../lib/sandbox-settings'
import { useAppStore } from '../../stores/use-app-store'

/** The sandbox's active settings, what the panel shows (the draft, else the active ones), and whether they differ. */
export function useSandboxSettings(): { active: SandboxSettings | null; shown: SandboxSettings | null; dirty: boolean } {
  const status = useAppStore((state) => state.sandboxStatus)
  const draft = useAppStore((state) => state.sandboxDraft)
  return useMemo(() => {
    const active = status ? settingsOf(status) : null
    const shown = draft ?? active
    return { active, shown, dirty: draft !== null && (active === null || !sameSettings(draft, active)) }
  }, [status, draft])
}
