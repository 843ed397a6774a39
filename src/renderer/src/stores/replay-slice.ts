import type { FrameRecord } from '../../../shared/api/frame-record'
import { endRecords, type SessionModel } from '../../../shared/session-model'
import { errorMessage, type AppState, type SliceCreator } from './app-state'

/** Playback speeds: `instant` jumps to the end; the others play the recorded timing faster. */
export type ReplaySpeed = 'instant' | 1 | 4 | 16

/** A replay in progress: which session, where the cursor stands, how it plays. */
export type ReplayState = {
  /** The session replayed (a recording, or a closed live session). */
  sourceId: string
  /** The session id the views show while replaying: a fresh one per rebuild, so the worker starts clean. */
  viewId: string
  /** Records applied so far (the cursor): records 0 … cursor − 1 are shown. */
  cursor: number
  total: number
  speed: ReplaySpeed
  playing: boolean
  /** Set while rebuilding from the start (after scrubbing back): records applied of those needed. */
  rebuilding: { done: number; of: number } | null
  /** The source is a recording read to its end: at the last record the stream has ended. */
  finite: boolean
}

/** Replay controls for the session in view: the records go through the same reducer and views. */
export type ReplaySlice = {
  replay: ReplayState | null
  /** Replay `sessionId` (default: the active one) from its records; starts at the end (instant). */
  startReplay(sessionId?: string): Promise<void>
  /** Leave the replay and show the session itself again. */
  stopReplay(): void
  setReplaySpeed(speed: ReplaySpeed): void
  playReplay(): void
  pauseReplay(): void
  /** Apply the next record. */
  stepReplay(): void
  /** Move the cursor to `count` records (forward: applied in place; back: rebuilt from the start). */
  seekReplay(count: number): Promise<void>
}

/** Records applied per chunk while rebuilding, between yields to the event loop (no long task). */
export const REBUILD_CHUNK = 2_000
/** Fetch page of a session's records. */
const PAGE = 50_000
/** Longest wait between two played records (a long recorded pause is shortened to this). */
const MAX_GAP_MS = 5_000

/** The view id of a replay of `sourceId`, rebuild number `generation`. */
export function replayViewId(sourceId: string, generation: number): string {
  return `${sourceId}~replay-${generation}`
}

/** Is the session with this id (the source or its replay view) a finished stream at its cursor? */
export function replayEnded(state: Pick<AppState, 'replay' | 'summaries'>, sessionId: string): boolean {
  const replay = state.replay
  if (replay && replay.viewId === sessionId) return replay.finite && replay.cursor >= replay.total
  return state.summaries.find((summary) => summary.id === sessionId)?.origin === 'recording'
}

const endedModels = new WeakMap<SessionModel, SessionModel>()
/** The model as the views judge it: a finished recording's is marked ended (so it reads as cut off, not open). */
export function viewedModel(state: Pick<AppState, 'replay' | 'summaries'>, model: SessionModel | undefined): SessionModel | undefined {
  if (!model || !replayEnded(state, model.sessionId)) return model
  let ended = endedModels.get(model)
  if (!ended) {
    ended = endRecords(model)
    endedModels.set(model, ended)
  }
  return ended
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

/** Create the replay slice. */
export const createReplaySlice: SliceCreator<ReplaySlice> =
  ({ client, diagnosis }) =>
  (set, get) => {
    // The source's records and the playback timer are not state anyone renders.
    let records: FrameRecord[] = []
    let generation = 0
    let timer: ReturnType<typeof setTimeout> | null = null
    let rebuildToken = 0

    const clearTimer = (): void => {
      if (timer !== null) clearTimeout(timer)
      timer = null
    }

    const patch = (changes: Partial<ReplayState>): void => {
      const replay = get().replay
      if (replay) set({ replay: { ...replay, ...changes } })
    }

    // The one path: records into the sessions slice's reducer, record window and diagnosis worker.
    const applyUpTo = (count: number): void => {
      const replay = get().replay
      if (!replay || count <= replay.cursor) return
      get().ingestRecords(replay.viewId, records.slice(replay.cursor, count))
      patch({ cursor: count })
    }

    const scheduleNext = (): void => {
      clearTimer()
      const replay = get().replay
      if (!replay || !replay.playing) return
      if (replay.cursor >= replay.total) return patch({ playing: false })
      if (replay.speed === 'instant') {
        applyUpTo(replay.total)
        return patch({ playing: false })
      }
      const previous = records[replay.cursor - 1]
      const gap = previous ? Math.min(MAX_GAP_MS, Math.max(0, records[replay.cursor].t - previous.t)) / replay.speed : 0
      timer = setTimeout(() => {
        timer = null
        applyUpTo((get().replay?.cursor ?? 0) + 1)
        scheduleNext()
      }, gap)
    }

    const rebuild = async (count: number): Promise<void> => {
      const replay = get().replay
      if (!replay) return
      const token = ++rebuildToken
      const viewId = replayViewId(replay.sourceId, ++generation)
      set({ replay: { ...replay, viewId, cursor: 0, rebuilding: { done: 0, of: count } }, activeSessionId: viewId, selectedSeq: null })
      // The previous view's model goes: only the current cursor is shown.
      const { [replay.viewId]: _dropped, ...models } = get().models
      set({ models })
      // …and in the diagnosis worker, which would otherwise keep one model per rebuild.
      diagnosis.forget(replay.viewId)
      for (let done = 0; done < count; ) {
        if (token !== rebuildToken) return
        const next = Math.min(count, done + REBUILD_CHUNK)
        applyUpTo(next)
        done = next
        patch({ rebuilding: { done, of: count } })
        // The ingest queue applies big batches in slices across tasks: wait for this chunk, then yield.
        for (let spins = 0; (get().models[viewId]?.lastSeq ?? -1) < records[next - 1].seq && spins < 10_000; spins++) await yieldToEventLoop()
        await yieldToEventLoop()
      }
      if (token === rebuildToken) patch({ rebuilding: null })
    }

    return {
      replay: null,

      async startReplay(sessionId) {
        const sourceId = sessionId ?? get().replay?.sourceId ?? get().activeSessionId
        if (!sourceId) return
        clearTimer()
        const fetched: FrameRecord[] = []
        try {
          for (let from = 0; ; ) {
            const page = await client.call('session.records', { sessionId: sourceId, fromSeq: from, limit: PAGE })
            fetched.push(...page.records)
            if (page.done || page.records.length === 0) break
            from = page.nextSeq
          }
        } catch (error) {
          get().notify('error', 'Could not load the session to replay', errorMessage(error))
          return
        }
        records = fetched
        const finite = get().summaries.find((summary) => summary.id === sourceId)?.origin === 'recording'
        set({ replay: { sourceId, viewId: replayViewId(sourceId, generation), cursor: 0, total: records.length, speed: 'instant', playing: false, rebuilding: null, finite } })
        await rebuild(records.length)
      },

      stopReplay() {
        clearTimer()
        rebuildToken++
        const replay = get().replay
        set({ replay: null })
        if (replay) {
          diagnosis.forget(replay.viewId)
          get().setActiveSession(replay.sourceId)
        }
      },

      setReplaySpeed(speed) {
        patch({ speed })
        if (get().replay?.playing) scheduleNext()
      },

      playReplay() {
        const replay = get().replay
        if (!replay || replay.rebuilding) return
        // Playing from the end starts over.
        if (replay.cursor >= replay.total) {
          void rebuild(0).then(() => {
            patch({ playing: true })
            scheduleNext()
          })
          return
        }
        patch({ playing: true })
        scheduleNext()
      },

      pauseReplay() {
        clearTimer()
        patch({ playing: false })
      },

      stepReplay() {
        const replay = get().replay
        if (!replay || replay.rebuilding) return
        clearTimer()
        patch({ playing: false })
        applyUpTo(Math.min(replay.total, replay.cursor + 1))
      },

      async seekReplay(count) {
        const replay = get().replay
        if (!replay) return
        const target = Math.max(0, Math.min(replay.total, Math.round(count)))
        clearTimer()
        if (target >= replay.cursor && !replay.rebuilding) applyUpTo(target)
        else await rebuild(target)
        if (get().replay?.playing) scheduleNext()
      }
    }
  }
