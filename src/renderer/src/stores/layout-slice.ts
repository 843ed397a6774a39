import { readPref, writePref } from '../lib/local-prefs'
import type { SliceCreator } from './app-state'

/** A panel that can be resized along one axis and collapsed. */
export type PanelId = 'sidebar' | 'bottom'

/** One panel's size in CSS pixels and whether it is folded away. */
export type PanelSize = { size: number; collapsed: boolean }

/** The limits a panel's size is clamped to (CSS also caps it against the window, so a small window still fits). */
export const PANEL_LIMITS: Record<PanelId, { min: number; max: number; initial: number }> = {
  sidebar: { min: 160, max: 480, initial: 200 },
  // The bottom row is an upper bound: it shrinks to its content (fit-content), so empty panels take little room.
  bottom: { min: 120, max: 720, initial: 272 }
}

/** Keep a size within its panel's limits, in whole pixels. */
export function clampPanelSize(panel: PanelId, size: number): number {
  const { min, max } = PANEL_LIMITS[panel]
  return Math.round(Math.min(max, Math.max(min, size)))
}

function parsePanel(panel: PanelId) {
  return (raw: string): PanelSize | null => {
    try {
      const value: unknown = JSON.parse(raw)
      if (typeof value !== 'object' || value === null) return null
      const { size, collapsed } = value as Record<string, unknown>
      if (typeof size !== 'number' || !Number.isFinite(size) || typeof collapsed !== 'boolean') return null
      return { size: clampPanelSize(panel, size), collapsed }
    } catch {
      return null
    }
  }
}

/** The window's resizable panels, remembered between launches. */
export type LayoutSlice = {
  panels: Record<PanelId, PanelSize>
  /** Set a panel's size (clamped); resizing a collapsed panel opens it. */
  resizePanel(panel: PanelId, size: number): void
  /** Collapse or expand a panel (keeping its size for when it opens again). */
  setPanelCollapsed(panel: PanelId, collapsed: boolean): void
}

/** Create the layout slice from the remembered sizes. */
export const createLayoutSlice: SliceCreator<LayoutSlice> = () => (set, get) => {
  const load = (panel: PanelId): PanelSize =>
    readPref(`layout.${panel}`, parsePanel(panel), { size: PANEL_LIMITS[panel].initial, collapsed: false })
  const update = (panel: PanelId, next: PanelSize): void => {
    writePref(`layout.${panel}`, JSON.stringify(next))
    set({ panels: { ...get().panels, [panel]: next } })
  }
  return {
    panels: { sidebar: load('sidebar'), bottom: load('bottom') },
    resizePanel: (panel, size) => update(panel, { size: clampPanelSize(panel, size), collapsed: false }),
    setPanelCollapsed: (panel, collapsed) => update(panel, { ...get().panels[panel], collapsed })
  }
}
