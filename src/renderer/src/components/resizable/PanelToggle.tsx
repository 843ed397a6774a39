import type { PanelId } from '../../stores/layout-slice'
import { useAppStore } from '../../stores/use-app-store'

/** A button that shows or hides a collapsible panel; the way back to a panel dragged shut. */
export function PanelToggle({ panel, controls, label, glyph }: { panel: PanelId; controls: string; label: string; glyph: string }) {
  const collapsed = useAppStore((state) => state.panels[panel].collapsed)
  const setCollapsed = useAppStore((state) => state.setPanelCollapsed)
  return (
    <button
      type="button"
      className={`btn btn-small panel-toggle${collapsed ? '' : ' active'}`}
      aria-pressed={!collapsed}
      aria-controls={controls}
      title={`${collapsed ? 'Show' : 'Hide'} ${label.toLowerCase()}`}
      data-testid={`toggle-${panel}`}
      onClick={() => setCollapsed(panel, !collapsed)}
    >
      <span aria-hidden="true">{glyph}</span>
      <span className="panel-toggle-label">{label}</span>
    </button>
  )
}
