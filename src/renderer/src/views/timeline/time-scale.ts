/** A visible window of the time axis, in run-relative milliseconds. */
export type TimeWindow = { start: number; end: number }

/** The smallest window a zoom may reach: finer than one step of the sandbox's 40 ms pace. */
export const MIN_WINDOW_MS = 5

/** Map a time to an x position inside `[left, left + width]`. */
export function timeToX(t: number, view: TimeWindow, left: number, width: number): number {
  return left + ((t - view.start) / (view.end - view.start)) * width
}

/** Zoom the window by `factor` (<1 zooms in) keeping the time under `anchor` (0..1 across) still. */
export function zoomWindow(view: TimeWindow, factor: number, anchor: number): TimeWindow {
  const span = Math.max(MIN_WINDOW_MS, (view.end - view.start) * factor)
  const pivot = view.start + (view.end - view.start) * anchor
  return { start: pivot - span * anchor, end: pivot + span * (1 - anchor) }
}

/** Move the window by a fraction of its width (negative moves back in time). */
export function panWindow(view: TimeWindow, fraction: number): TimeWindow {
  const shift = (view.end - view.start) * fraction
  return { start: view.start + shift, end: view.end + shift }
}

/** Round tick positions (1, 2, 5 × 10ⁿ ms) for an axis about `width` pixels wide. */
export function axisTicks(view: TimeWindow, width: number): number[] {
  const span = view.end - view.start
  const wanted = Math.max(2, Math.floor(width / 90))
  const raw = span / wanted
  const magnitude = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= raw) ?? raw
  const ticks: number[] = []
  for (let tick = Math.ceil(view.start / step) * step; tick <= view.end; tick += step) ticks.push(tick)
  return ticks
}

/** A duration for an axis label or a hover: the shared formatter's `850.0 ms`, `1.20 s`, `1 min 5 s`. */
export { formatDuration as durationLabel } from '../../../../shared/format/duration'
