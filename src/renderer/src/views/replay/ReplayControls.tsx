import { useShallow } from 'zustand/react/shallow'
import type { ReplaySpeed } from '../../stores/replay-slice'
import { selectActiveSummary } from '../../stores/select-active'
import { useAppStore } from '../../stores/use-app-store'
import { formatMs } from '../../lib/format'
import './replay.css'

const SPEEDS: { speed: ReplaySpeed; label: string }[] = [
  { speed: 'instant', label: 'Instant' },
  { speed: 1, label: '1×' },
  { speed: 4, label: '4×' },
  { speed: 16, label: '16×' }
]

/**
 * Replay controls for a recording or a closed live session: speed, play/pause, step one frame and
 * a slider over record numbers. Everything else on screen (Overview, runs, frames, close) shows the
 * session as it stood at the cursor, through the same reducer and views as the live session.
 */
export function ReplayControls() {
  const summary = useAppStore(selectActiveSummary)
  const replay = useAppStore(useShallow((state) => state.replay))
  const cursorT = useAppStore((state) => {
    const replayState = state.replay
    if (!replayState) return null
    return state.models[replayState.viewId]?.rows.at(-1)?.t ?? null
  })
  const actions = useAppStore(
    useShallow((state) => ({
      start: state.startReplay,
      stop: state.stopReplay,
      play: state.playReplay,
      pause: state.pauseReplay,
      step: state.stepReplay,
      seek: state.seekReplay,
      setSpeed: state.setReplaySpeed
    }))
  )
  const replayable = summary && (summary.origin === 'recording' || summary.state === 'closed')
  if (!replay) {
    if (!replayable) return null
    return (
      <div className="replay-controls" data-testid="replay-controls">
        <button type="button" className="btn" data-testid="replay-start" onClick={() => void actions.start(summary.id)}>
          Replay
        </button>
        <span className="muted">Step through this {summary.origin === 'recording' ? 'recording' : 'session'} frame by frame.</span>
      </div>
    )
  }
  const busy = replay.rebuilding !== null
  return (
    <div className="replay-controls" data-testid="replay-controls" data-playing={replay.playing} data-cursor={replay.cursor}>
      <span className="replay-label">Replay</span>
      <div className="replay-speeds" role="radiogroup" aria-label="Replay speed">
        {SPEEDS.map(({ speed, label }) => (
          <button
            key={label}
            type="button"
            role="radio"
            aria-checked={replay.speed === speed}
            className={`btn btn-small${replay.speed === speed ? ' active' : ''}`}
            data-testid={`replay-speed-${speed}`}
            onClick={() => actions.setSpeed(speed)}
          >
            {label}
          </button>
        ))}
      </div>
      {replay.playing ? (
        <button type="button" className="btn btn-small" data-testid="replay-pause" onClick={actions.pause}>
          Pause
        </button>
      ) : (
        <button type="button" className="btn btn-small" data-testid="replay-play" disabled={busy} onClick={actions.play}>
          Play
        </button>
      )}
      <button type="button" className="btn btn-small" data-testid="replay-step" disabled={busy || replay.cursor >= replay.total} onClick={actions.step}>
        Step
      </button>
      <input
        type="range"
        className="replay-scrub"
        aria-label="Replay position (records)"
        data-testid="replay-scrub"
        min={0}
        max={replay.total}
        value={replay.cursor}
        onChange={(event) => void actions.seek(Number(event.currentTarget.value))}
      />
      <span className="mono replay-position" data-testid="replay-position">
        {busy && replay.rebuilding
          ? `rebuilding ${Math.round((replay.rebuilding.done / Math.max(1, replay.rebuilding.of)) * 100)}%`
          : `${replay.cursor} / ${replay.total}${cursorT === null ? '' : ` · t=${formatMs(cursorT)}`}`}
      </span>
      <button type="button" className="btn btn-small" data-testid="replay-exit" onClick={actions.stop}>
        Exit replay
      </button>
    </div>
  )
}
