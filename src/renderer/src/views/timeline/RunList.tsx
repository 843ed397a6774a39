import { memo, useEffect, useRef, useState } from 'react'
import type { AgentRun } from '../../../../shared/session-model'
import { formatMs } from '../../lib/format'

const ROW_H = 26
const OVERSCAN = 8

/**
 * Every run of the session, virtualised: only the rows in view exist in the DOM, so 10 000 runs
 * scroll like 10. Rows are a fixed height, so the window is arithmetic, not measured.
 */
export const RunList = memo(function RunList({
  runs,
  selectedRunId,
  onSelect
}: {
  runs: readonly AgentRun[]
  selectedRunId: string | null
  onSelect: (runId: string) => void
}) {
  const box = useRef<HTMLDivElement>(null)
  const [scrollTop, setScrollTop] = useState(0)
  const [height, setHeight] = useState(400)
  useEffect(() => {
    const element = box.current
    if (!element) return
    const observer = new ResizeObserver(([entry]) => setHeight(entry.contentRect.height))
    observer.observe(element)
    return () => observer.disconnect()
  }, [])
  const first = Math.max(0, Math.floor(scrollTop / ROW_H) - OVERSCAN)
  const last = Math.min(runs.length, Math.ceil((scrollTop + height) / ROW_H) + OVERSCAN)
  const visible = runs.slice(first, last)
  const selectedIndex = runs.findIndex((run) => run.runId === selectedRunId)

  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>): void => {
    const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0
    if (step === 0 || runs.length === 0) return
    event.preventDefault()
    const next = Math.min(runs.length - 1, Math.max(0, selectedIndex + step))
    onSelect(runs[next].runId)
    const element = box.current
    if (element && (next * ROW_H < element.scrollTop || (next + 1) * ROW_H > element.scrollTop + element.clientHeight)) {
      element.scrollTop = next * ROW_H - element.clientHeight / 2
    }
  }

  return (
    <div
      className="timeline-runs"
      ref={box}
      tabIndex={0}
      role="listbox"
      aria-label="Runs"
      data-testid="timeline-runs"
      onKeyDown={onKeyDown}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <div style={{ height: runs.length * ROW_H, position: 'relative' }}>
        {visible.map((run, offset) => (
          <div
            key={run.runId}
            role="option"
            aria-selected={run.runId === selectedRunId}
            className={`timeline-run-row${run.runId === selectedRunId ? ' selected' : ''}`}
            style={{ top: (first + offset) * ROW_H, height: ROW_H }}
            data-testid="timeline-run-row"
            data-run-id={run.runId}
            onClick={() => onSelect(run.runId)}
          >
            <span className={`run-dot run-${run.status}`} />
            <span className="mono run-row-id" title={run.runId}>
              {run.runId.length > 16 ? `…${run.runId.slice(-14)}` : run.runId}
            </span>
            <span className="muted">{run.agents.length} agents</span>
            <span className="mono muted run-row-ms">{formatMs(run.lastT - run.firstT)}</span>
          </div>
        ))}
      </div>
    </div>
  )
})
