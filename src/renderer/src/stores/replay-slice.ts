import type { FrameRecord } from '../../../shared/api/frame-record'
import { endRecords, type SessionModel } from '../../../shared/session-model'
import { errorMessage, type AppState, type SliceCreator } from './app-state'
import { ReplayReader } from './replay-reader'

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
  /**
   * Records the source holds: the session list's count until the replay has read to the end,
   * then exactly what it read (a recording's unreadable lines are not records).
   */
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
    // The source's reader and the playback timer are not state anyone renders.
    let reader: ReplayReader | null = null
    // Time of the last record applied: the recorded gap to the next one is replayed.
    let lastT: number | null = null
    // Seq of the last record applied: a rebuild waits until the model has it.
    let lastAppliedSeq: number | null = null
    let generation = 0
    let timer: ReturnType<typeof setTimeout> | null = null
    // Bumped by every rebuild and stop: an advance that awaited a page gives up when it changed.
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
    const apply = (batch: FrameRecord[]): void => {
      const replay = get().replay
      if (!replay || batch.length === 0) return
      get().ingestRecords(replay.viewId, batch)
      lastT = batch[batch.length - 1].t
      lastAppliedSeq = batch[batch.length - 1].seq
      const cursor = replay.cursor + batch.length
      patch({ cursor, total: Math.max(replay.total, cursor) })
    }

    /** The reader has no record left: the total is now known exactly. */
    const reachedEnd = (): void => {
      const replay = get().replay
      if (replay) patch({ total: replay.cursor })
    }

    /**
     * Apply records until the cursor reaches `count` or the source ends, fetching pages as needed.
     * False when it could not go on: the source ended, a read failed (reported), or a rebuild or
     * stop took over.
     */
    const advance = async (count: number): Promise<boolean> => {
      const token = rebuildToken
      for (;;) {
        const replay = get().replay
        if (!replay || !reader || token !== rebuildToken) return false
        if (replay.cursor >= count) return true
        const batch = reader.takeHere(count - replay.cursor)
        if (batch.length > 0) {
          apply(batch)
          continue
        }
        let more: boolean
        try {
          more = await reader.ready()
        } catch (error) {
          get().notify('error', 'Could not read the session to replay', errorMessage(error))
          patch({ playing: false })
          return false
        }
        if (token !== rebuildToken) return false
        if (!more) {
          reachedEnd()
          return false
        }
      }
    }

    const scheduleNext = (): void => {
      clearTimer()
      const replay = get().replay
      if (!replay || !replay.playing || !reader) return
      if (replay.speed === 'instant') {
        void advance(Number.POSITIVE_INFINITY).then(() => patch({ playing: false }))
        return
      }
      const next = reader.peek()
      if (!next) {
        // The next page is on its way (or the session is over).
        const token = rebuildToken
        void reader.ready().then(
          (more) => {
            if (token !== rebuildToken) return
            if (more) return scheduleNext()
            reachedEnd()
            patch({ playing: false })
          },
          (error: unknown) => {
            get().notify('error', 'Could not read the session to replay', errorMessage(error))
            patch({ playing: false })
          }
        )
        return
      }
      const gap = lastT === null ? 0 : Math.min(MAX_GAP_MS, Math.max(0, next.t - lastT)) / replay.speed
      timer = setTimeout(() => {
        timer = null
        apply(reader?.takeHere(1) ?? [])
        scheduleNext()
      }, gap)
    }

    /** Start over from the first record with a fresh view, then apply `count` records in chunks with progress. */
    const rebuild = async (count: number): Promise<void> => {
      const replay = get().replay
      if (!replay || !reader) return
      const token = ++rebuildToken
      const viewId = replayViewId(replay.sourceId, ++generation)
      reader.restart()
      lastT = null
      lastAppliedSeq = null
      const of = Math.min(count, replay.total)
      set({ replay: { ...replay, viewId, cursor: 0, rebuilding: { done: 0, of } }, activeSessionId: viewId, selectedSeq: null })
      // The previous view's model goes: only the current cursor is shown.
      const { [replay.viewId]: _dropped, ...models } = get().models
      set({ models })
      // …and in the diagnosis worker, which would otherwise keep one model per rebuild.
      diagnosis.forget(replay.viewId)
      for (let done = 0; done < count; ) {
        const more = await advance(Math.min(count, done + REBUILD_CHUNK))
        if (token !== rebuildToken) return
        done = get().replay?.cursor ?? 0
        patch({ rebuilding: { done, of: Math.max(of, Math.min(count, get().replay?.total ?? 0)) } })
        // The ingest queue applies big batches in slices across tasks: wait for this chunk, then yield.
        for (let spins = 0; (get().models[viewId]?.lastSeq ?? -1) < (lastAppliedSeq ?? -1) && spins < 10_000; spins++) await yieldToEventLoop()
        await yieldToEventLoop()
        if (!more) break
      }
      if (token === rebuildToken) patch({ rebuilding: null })
    }

    return {
      replay: null,

      async startReplay(sessionId) {
        const sourceId = sessionId ?? get().replay?.sourceId ?? get().activeSessionId
        if (!sourceId) return
        clearTimer()
        rebuildToken++
        const source = new ReplayReader((fromSeq, limit) => client.call('session.records', { sessionId: sourceId, fromSeq, limit }))
        // The first page before anything changes: a session that cannot be read leaves the view as it was.
        try {
          await source.ready()
        } catch (error) {
          get().notify('error', 'Could not load the session to replay', errorMessage(error))
          return
        }
        reader = source
        const summary = get().summaries.find((candidate) => candidate.id === sourceId)
        const finite = summary?.origin === 'recording'
        set({ replay: { sourceId, viewId: replayViewId(sourceId, generation), cursor: 0, total: summary?.recordCount ?? 0, speed: 'instant', playing: false, rebuilding: null, finite } })
        await rebuild(Number.POSITIVE_INFINITY)
      },

      stopReplay() {
        clearTimer()
        rebuildToken++
        reader = null
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
        // Synchronous when the record is here already (it nearly always is: a page is read ahead).
        void advance(replay.cursor + 1)
      },

      async seekReplay(count) {
        const replay = get().replay
        if (!replay) return
        const target = Math.max(0, Math.min(replay.total, Math.round(count)))
        clearTimer()
        if (target >= replay.cursor && !replay.rebuilding) await advance(target)
        else await rebuild(target)
        if (get().replay?.playing) scheduleNext()
      }
    }
  }
