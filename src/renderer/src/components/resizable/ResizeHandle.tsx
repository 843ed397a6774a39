import { useRef, type KeyboardEvent, type PointerEvent } from 'react'
import { PANEL_LIMITS, type PanelId } from '../../stores/layout-slice'
import { useAppStore } from '../../stores/use-app-store'

/** Pixels per arrow key press; Shift moves further. */
const STEP = 16
const BIG_STEP = 64

/**
 * A drag handle between two areas (the WAI-ARIA window splitter): drag it, or focus it and use the
 * arrow keys (Shift for bigger steps), Home/End for the limits, Enter to collapse or expand.
 * `edge` says which side of the panel the handle sits on, so dragging toward the panel shrinks it.
 */
export function ResizeHandle({ panel, controls, label, edge }: { panel: PanelId; controls: string; label: string; edge: 'right' | 'top' }) {
  const { size, collapsed } = useAppStore((state) => state.panels[panel])
  const resize = useAppStore((state) => state.resizePanel)
  const setCollapsed = useAppStore((state) => state.setPanelCollapsed)
  const drag = useRef<{ start: number; size: number } | null>(null)
  const vertical = edge === 'right'
  const { min, max } = PANEL_LIMITS[panel]
  // Growing the sidebar is a move right; growing the bottom panels is a move up.
  const sign = vertical ? 1 : -1

  const onPointerDown = (event: PointerEvent<HTMLDivElement>): void => {
    if (event.button !== 0) return
    event.preventDefault()
    event.currentTarget.setPointerCapture(event.pointerId)
    // The panel may be narrower than its remembered size (the window caps it): start from what is on screen.
    const box = document.getElementById(controls)?.getBoundingClientRect()
    const onScreen = collapsed ? 0 : box ? (vertical ? box.width : box.height) : size
    drag.current = { start: vertical ? event.clientX : event.clientY, size: onScreen }
  }
  const onPointerMove = (event: PointerEvent<HTMLDivElement>): void => {
    if (!drag.current) return
    const delta = ((vertical ? event.clientX : event.clientY) - drag.current.start) * sign
    const next = drag.current.size + delta
    // Dragging well below the minimum folds the panel away, as in most editors.
    if (next < min / 2) setCollapsed(panel, true)
    else resize(panel, next)
  }
  const onPointerEnd = (event: PointerEvent<HTMLDivElement>): void => {
    drag.current = null
    if (event.currentTarget.hasPointerCapture(event.pointerId)) event.currentTarget.releasePointerCapture(event.pointerId)
  }
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const step = event.shiftKey ? BIG_STEP : STEP
    const grow = vertical ? 'ArrowRight' : 'ArrowUp'
    const shrink = vertical ? 'ArrowLeft' : 'ArrowDown'
    if (event.key === grow) resize(panel, (collapsed ? min : size) + (collapsed ? 0 : step))
    else if (event.key === shrink) {
      if (collapsed) return
      if (size - step < min) setCollapsed(panel, true)
      else resize(panel, size - step)
    } else if (event.key === 'Home') resize(panel, min)
    else if (event.key === 'End') resize(panel, max)
    else if (event.key === 'Enter') setCollapsed(panel, !collapsed)
    else return
    event.preventDefault()
  }

  return (
    <div
      className={`resize-handle resize-handle-${edge}${collapsed ? ' collapsed' : ''}`}
      role="separator"
      tabIndex={0}
      aria-label={label}
      aria-controls={controls}
      aria-orientation={vertical ? 'vertical' : 'horizontal'}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={collapsed ? 0 : size}
      title={`${label}: drag, or focus and use the arrow keys; Enter collapses or expands`}
      data-testid={`resize-${panel}`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerEnd}
      onPointerCancel={onPointerEnd}
      onKeyDown={onKeyDown}
      onDoubleClick={() => setCollapsed(panel, !collapsed)}
    />
  )
}
