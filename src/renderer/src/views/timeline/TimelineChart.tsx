import { memo, useEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type WheelEvent } from 'react'
import type { LaneGap, RunLayout, TimelineLane, TimelineMarker } from './timeline-layout'
import { axisTicks, durationLabel, panWindow, timeToX, zoomWindow, type TimeWindow } from './time-scale'
import { visibleSlice, withMargin } from './visible-range'

const LABEL_W = 150
const AXIS_H = 26
const LANE_H = 38
const SLA_ROW_H = 20
const RIGHT_PAD = 16

const MARKER_CLASS: Record<string, string> = {
  agent_started: 'm-start',
  agent_thinking: 'm-think',
  tool_executing: 'm-tool',
  tool_completed: 'm-tool',
  agent_completed: 'm-done',
  agent_error: 'm-bad',
  agent_death: 'm-bad',
  agent_timeout_failure: 'm-bad',
  agent_timeout_warning: 'm-warn'
}

type Hover = { x: number; y: number; lines: string[] }

/** Drawn past each edge of the plot, so a marker or a gap label cut by the edge is still seen. */
const EDGE_PX = 60

const markerTime = (marker: TimelineMarker): number => marker.t
const gapStart = (gap: LaneGap): number => gap.start
const gapEnd = (gap: LaneGap): number => gap.end

function initialWindow(layout: RunLayout): TimeWindow {
  // Show the whole run, and the whole-answer budget when the run is shorter than a tenth of it.
  const span = Math.max(layout.end - layout.start, 50)
  return { start: layout.start - span * 0.03, end: layout.start + span * 1.06 }
}

/**
 * One run's lanes on a real time axis: zoom (wheel, +/-), pan (drag, arrows), hover for details,
 * click to the frame. Keyed by run id by its parent, so a new run starts with a fresh window.
 */
export const TimelineChart = memo(function TimelineChart({ layout, onFrame }: { layout: RunLayout; onFrame: (seq: number) => void }) {
  // Null until the user zooms or pans: until then the window follows a run that is still growing.
  const [userView, setView] = useState<TimeWindow | null>(null)
  const view = userView ?? initialWindow(layout)
  const [hover, setHover] = useState<Hover | null>(null)
  const [width, setWidth] = useState(800)
  const box = useRef<HTMLDivElement>(null)
  const drag = useRef<{ x: number; view: TimeWindow } | null>(null)

  useEffect(() => {
    const element = box.current
    if (!element) return
    const observer = new ResizeObserver(([entry]) => setWidth(Math.max(320, entry.contentRect.width)))
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

  const plotW = width - LABEL_W - RIGHT_PAD
  const x = (t: number): number => timeToX(t, view, LABEL_W, plotW)
  const laneY = (index: number): number => AXIS_H + SLA_ROW_H + index * LANE_H
  const height = laneY(layout.lanes.length) + 8
  const laneIndex = new Map(layout.lanes.map((lane, index) => [lane.agentName, index]))
  // Only what overlaps the visible time range is drawn: a zoom step costs what is on screen, not the run's length.
  const shown = withMargin(view, plotW, EDGE_PX)
  const onScreen = (start: number, end: number): boolean => end >= shown.start && start <= shown.end

  const onWheel = (event: WheelEvent<SVGSVGElement>): void => {
    const rect = event.currentTarget.getBoundingClientRect()
    const anchor = Math.min(1, Math.max(0, (event.clientX - rect.left - LABEL_W) / plotW))
    if (event.shiftKey || Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
      setView(panWindow(view, (event.deltaX || event.deltaY) / plotW))
    } else setView(zoomWindow(view, event.deltaY > 0 ? 1.2 : 1 / 1.2, anchor))
  }
  const onPointerDown = (event: PointerEvent<SVGSVGElement>): void => {
    if ((event.target as Element).closest('[data-seq]')) return
    drag.current = { x: event.clientX, view }
    event.currentTarget.setPointerCapture(event.pointerId)
  }
  const onPointerMove = (event: PointerEvent<SVGSVGElement>): void => {
    const start = drag.current
    if (!start) {
      // Leaving a marker for empty plot clears its details.
      if (!(event.target as Element).closest('[data-hover]')) setHover(null)
      return
    }
    const span = start.view.end - start.view.start
    const shift = ((start.x - event.clientX) / plotW) * span
    setView({ start: start.view.start + shift, end: start.view.end + shift })
  }
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const keys: Record<string, () => TimeWindow> = {
      '+': () => zoomWindow(view, 1 / 1.5, 0.5),
      '=': () => zoomWindow(view, 1 / 1.5, 0.5),
      '-': () => zoomWindow(view, 1.5, 0.5),
      ArrowLeft: () => panWindow(view, -0.2),
      ArrowRight: () => panWindow(view, 0.2),
      '0': () => initialWindow(layout)
    }
    if (event.key === '0') {
      event.preventDefault()
      setView(null)
      return
    }
    const next = keys[event.key]
    if (!next) return
    event.preventDefault()
    setView(next())
  }
  const showHover = (event: { clientX: number; clientY: number }, lines: string[]): void => {
    const rect = box.current?.getBoundingClientRect()
    if (!rect) return
    const x = event.clientX - rect.left
    // Near the right edge the details open to the left of the pointer, so they are never cut off.
    setHover({ x: x > rect.width - 240 ? x - 232 : x + 12, y: event.clientY - rect.top + 12, lines })
  }
  const at = (t: number): string => `+${durationLabel(t - layout.start)} into the run`

  const markerTitle = (lane: TimelineLane, marker: TimelineMarker): string[] => [
    `${marker.type}${marker.toolName ? ` · ${marker.toolName}` : ''}`,
    `${lane.agentName} · frame #${marker.seq}`,
    at(marker.t),
    'click to open the frame'
  ]

  return (
    <div className="timeline-chart" ref={box} tabIndex={0} onKeyDown={onKeyDown} aria-label="Run timeline: wheel or +/- to zoom, drag or arrows to pan, 0 to reset" data-testid="timeline-chart">
      <svg
        width={width}
        height={height}
        onWheel={onWheel}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={() => (drag.current = null)}
        onPointerLeave={() => setHover(null)}
        role="img"
        aria-label={`Timeline of run ${layout.runId}`}
      >
        <defs>
          <clipPath id="plot-clip">
            <rect x={LABEL_W} y={0} width={plotW} height={height} />
          </clipPath>
          <pattern id="open-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" className="hatch-bg" />
            <line x1="0" y1="0" x2="0" y2="6" className="hatch-line" />
          </pattern>
        </defs>
        {axisTicks(view, plotW).map((tick) => (
          <g key={tick} className="axis-tick">
            <line x1={x(tick)} x2={x(tick)} y1={AXIS_H - 4} y2={height} />
            <text x={x(tick)} y={AXIS_H - 8} textAnchor="middle">
              {durationLabel(tick - layout.start)}
            </text>
          </g>
        ))}
        {layout.lanes.map((lane, index) => (
          <g key={lane.agentName} className={`lane lane-${lane.state}`} data-testid="timeline-lane" data-agent={lane.agentName} data-state={lane.state}>
            <rect className="lane-bg" x={0} y={laneY(index)} width={width} height={LANE_H} />
            <text className="lane-label" x={8} y={laneY(index) + 16}>
              {lane.expectedIndex !== null ? `${lane.expectedIndex + 1}. ` : ''}
              {lane.agentName}
            </text>
            <text className={`lane-sub lane-sub-${lane.state === 'ran' ? lane.ending : lane.state}`} x={8} y={laneY(index) + 30}>
              {lane.state === 'never-started' ? 'never started' : lane.state === 'unexpected' ? 'not in the pipeline' : lane.ending === 'open' ? 'never ended' : lane.ending}
            </text>
          </g>
        ))}
        <g clipPath="url(#plot-clip)">
          {layout.sla.filter((band) => onScreen(band.start, Math.max(band.start + band.budgetMs, band.actualEnd ?? layout.end))).map((band) => {
            const row = band.lane === null ? AXIS_H + 2 : laneY(laneIndex.get(band.lane) ?? 0) + 2
            const h = band.lane === null ? SLA_ROW_H - 4 : LANE_H - 4
            const budgetEnd = band.start + band.budgetMs
            const over = band.breached ? (band.actualEnd ?? layout.end) : null
            return (
              <g key={band.id} data-hover className={`sla-band${band.breached ? ' breached' : ''}`} data-testid="sla-band" data-sla={band.id} data-breached={band.breached}
                onPointerMove={(event) => showHover(event, [`SLA: ${band.label}`, band.actualEnd === null ? 'never finished' : `took ${durationLabel(band.actualEnd - band.start)}`, band.breached ? 'BREACHED' : 'within budget'])}>
                <rect className="sla-budget" x={x(band.start)} y={row} width={Math.max(1, x(budgetEnd) - x(band.start))} height={h} />
                {over !== null && over > budgetEnd ? <rect className="sla-over" x={x(budgetEnd)} y={row} width={Math.max(2, x(over) - x(budgetEnd))} height={h} /> : null}
                <line className="sla-limit" x1={x(budgetEnd)} x2={x(budgetEnd)} y1={row} y2={row + h} />
                {/* Labelled at the band's visible start: a 60 s budget usually ends far right of a short run. */}
                <text className="sla-label" x={Math.max(x(band.start), LABEL_W) + 4} y={row + 11}>
                  {band.breached ? `⚠ ${band.label} — breached` : band.actualEnd === null ? `${band.label} — never finished` : band.label}
                </text>
              </g>
            )
          })}
          {layout.lanes.map((lane, index) => {
            const y = laneY(index)
            const mid = y + LANE_H / 2
            if (lane.state === 'never-started') {
              return (
                <g key={lane.agentName} className="lane-missing">
                  <rect x={LABEL_W + 4} y={y + 6} width={plotW - 8} height={LANE_H - 12} rx={4} />
                  <text x={LABEL_W + plotW / 2} y={mid + 4} textAnchor="middle">
                    {lane.agentName} never started
                  </text>
                </g>
              )
            }
            const lifeEnd = lane.end ?? layout.end
            return (
              <g key={lane.agentName}>
                {lane.start !== null && onScreen(lane.start, lifeEnd) ? <rect className={`life life-${lane.ending}`} x={x(lane.start)} y={mid - 2} width={Math.max(1, x(lifeEnd) - x(lane.start))} height={4} /> : null}
                {visibleSlice(lane.gaps, shown, gapStart, gapEnd).map((gap) => (
                  <g key={gap.start} className="gap">
                    <line x1={x(gap.start)} x2={x(gap.end)} y1={mid - 9} y2={mid - 9} />
                    <text x={(x(gap.start) + x(gap.end)) / 2} y={mid - 12} textAnchor="middle">
                      gap {durationLabel(gap.end - gap.start)}
                    </text>
                  </g>
                ))}
                {lane.tools.filter((tool) => onScreen(tool.start, tool.end)).map((tool) => (
                  <rect
                    key={tool.startSeq}
                    className={`tool-span${tool.endSeq === null ? ' open' : ''}`}
                    data-hover
                    data-seq={tool.startSeq}
                    x={x(tool.start)}
                    y={mid + 4}
                    width={Math.max(3, x(tool.end) - x(tool.start))}
                    height={8}
                    onClick={() => onFrame(tool.startSeq)}
                    onPointerMove={(event) => showHover(event, [`tool ${tool.toolName}`, tool.endSeq === null ? 'no tool_completed' : `took ${durationLabel(tool.end - tool.start)}`, at(tool.start)])}
                  />
                ))}
                {visibleSlice(lane.markers, shown, markerTime).map((marker) => (
                  <circle
                    key={marker.seq}
                    className={`marker ${MARKER_CLASS[marker.type] ?? 'm-other'}`}
                    data-hover
                    data-seq={marker.seq}
                    data-testid="timeline-marker"
                    cx={x(marker.t)}
                    cy={mid}
                    r={4.5}
                    onClick={() => onFrame(marker.seq)}
                    onPointerMove={(event) => showHover(event, markerTitle(lane, marker))}
                  />
                ))}
              </g>
            )
          })}
          {layout.inversions.map((inversion) => {
            const from = laneIndex.get(inversion.before) ?? 0
            const to = laneIndex.get(inversion.after) ?? 0
            return (
              <g key={`${inversion.before}-${inversion.after}`} className="inversion" data-testid="order-inversion">
                <line x1={x(inversion.beforeStart)} y1={laneY(from) + LANE_H / 2} x2={x(inversion.afterStart)} y2={laneY(to) + LANE_H / 2} />
                <text x={x(inversion.afterStart) + 6} y={laneY(to) + 12}>
                  ✗ {inversion.after} started before {inversion.before}
                </text>
              </g>
            )
          })}
        </g>
      </svg>
      {hover ? (
        <div className="timeline-hover" style={{ left: hover.x, top: hover.y }} data-testid="timeline-hover">
          {hover.lines.map((line, index) => (
            <div key={index} className={index === 0 ? 'hover-title' : undefined}>
              {line}
            </div>
          ))}
        </div>
      ) : null}
    </div>
  )
})
