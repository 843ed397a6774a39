import type { SessionSummary } from '../../../shared/api/contract'
import type { FrameRecord } from '../../../shared/api/frame-record'
import { applyRecords, createSessionModel, type SessionModel } from '../../../shared/session-model'
import { errorMessage, type SliceCreator } from './app-state'
import { connectRequest } from './connect-request'
import { foreignHostPrompt } from './foreign-host-prompt'
import { IngestQueue } from './ingest-queue'
import { RECORD_CHUNK_SIZE, RecordChunks } from './record-chunks'
import { packFeed } from '../workers/feed-batch'

/** How the composer sends its text. */
export type SendMode = 'user_message' | 'raw'

/**
 * Sessions: their models (built only by `applyRecords`), the list, and the one in view.
 *
 * A model here keeps a row for every record but no full records (`retainRecords: false`): those
 * live in a bounded `RecordChunks` window per session (the newest ones, and the ranges fetched
 * for the frame detail), and in the diagnosis worker, which every applied batch is fed to.
 */
export type SessionsSlice = {
  models: Record<string, SessionModel>
  /** Bumped when a fetched range of records lands, so `recordAt` selectors run again. */
  recordsLoaded: number
  summaries: SessionSummary[]
  activeSessionId: string | null
  /** A connect or disconnect call in flight (the button shows it and cannot be pressed twice). */
  pendingAction: 'connecting' | 'disconnecting' | null
  setSummaries(summaries: SessionSummary[]): void
  loadSessionList(): Promise<void>
  setActiveSession(sessionId: string): void
  /** Apply pushed records, fetching whatever is missing first if they do not follow on. */
  ingestRecords(sessionId: string, records: FrameRecord[]): void
  /** Fetch a session's records from `fromSeq` (default: after the last one applied) until done. */
  syncSession(sessionId: string, fromSeq?: number): Promise<void>
  /** The full record with `seq` if the window holds it (select it together with `recordsLoaded`). */
  recordAt(sessionId: string, seq: number): FrameRecord | undefined
  /**
   * Fetch the range holding `seq` through `session.records`, unless it is held or on its way;
   * a failed fetch is tried twice more (`RECORD_RETRY_MS`) before it is reported. With `keep`,
   * the record stays held whatever the window evicts later (see `RecordChunks.keep`).
   */
  loadRecord(sessionId: string, seq: number, keep?: boolean): Promise<void>
  /**
   * Open a session with the picked options. A credential bound to other hosts is not sent: the
   * foreign-host dialog asks first, and confirming calls this again with `allowForeignHost`.
   */
  connect(allowForeignHost?: string): Promise<void>
  disconnect(): Promise<void>
  /** Send on the active session; rejects with the reason so the composer can show it inline. */
  send(text: string, mode: SendMode): Promise<void>
}

/**
 * Page size of backlog fetches. A page arrives as one message that the browser decodes and
 * parses in one task, so it must stay small: ~1 MB of 1 KB frames, a few milliseconds. The
 * contract's maximum (50 000, ~50 MB) made each page a task of hundreds of milliseconds, and a
 * record chunk (4 096, ~4 MB) still one of 50–100 ms; the next page travels while one is folded.
 */
const PAGE = 1024

/**
 * Waits before the second and third try of a record range that failed to load: a view asks for a
 * range once (the Report keeps its output frames and never asks again), so a passing failure (the
 * web host reconnecting) must not leave a hole until the page is reloaded.
 */
export const RECORD_RETRY_MS = [250, 1_000]

/** Create the sessions slice. */
export const createSessionsSlice: SliceCreator<SessionsSlice> =
  ({ client, diagnosis }) =>
  (set, get) => {
    // Sync bookkeeping is not state anyone renders, so it lives outside the store.
    const syncing = new Map<string, Promise<void>>()
    const stashed = new Map<string, FrameRecord[][]>()
    const windows = new Map<string, RecordChunks>()
    const loading = new Map<string, Promise<void>>()

    const windowOf = (sessionId: string): RecordChunks => {
      let chunks = windows.get(sessionId)
      if (!chunks) {
        chunks = new RecordChunks()
        windows.set(sessionId, chunks)
      }
      return chunks
    }

    // The one path records take into the renderer: the model, the record window, the diagnosis worker.
    const apply = (sessionId: string, records: readonly FrameRecord[]): void => {
      const models = get().models
      const before = models[sessionId] ?? createSessionModel(sessionId, { retainRecords: false })
      const fresh = records.filter((record) => record.seq > before.lastSeq)
      if (fresh.length === 0) return
      const firstRow = before.rows.length
      const after = applyRecords(before, fresh)
      windowOf(sessionId).put(fresh)
      // The worker gets bulk output frames without their text (see withoutBulkText), packed as numbers (see packFeed).
      diagnosis.feed(sessionId, packFeed(fresh, after.rows, firstRow))
      set({ models: { ...models, [sessionId]: after } })
    }

    const queue = new IngestQueue(apply)
    // The last seq this window has (applied or queued): where the next push must follow on.
    const lastSeqOf = (sessionId: string): number => queue.lastSeq(sessionId) ?? get().models[sessionId]?.lastSeq ?? -1

    const stash = (sessionId: string, records: FrameRecord[]): void => {
      const batches = stashed.get(sessionId) ?? []
      batches.push(records)
      stashed.set(sessionId, batches)
    }

    const fetchAll = async (sessionId: string, fromSeq: number | undefined): Promise<void> => {
      let from = fromSeq ?? lastSeqOf(sessionId) + 1
      try {
        let page = await client.call('session.records', { sessionId, fromSeq: from, limit: PAGE })
        for (;;) {
          queue.push(sessionId, page.records)
          if (page.done || page.records.length === 0) break
          from = Math.max(page.nextSeq, lastSeqOf(sessionId) + 1)
          // The next page travels while this one is folded (in slices that yield, see IngestQueue);
          // waiting for the fold keeps at most two pages in the renderer, so live pushes of other
          // sessions never queue behind a whole backlog.
          const next = client.call('session.records', { sessionId, fromSeq: from, limit: PAGE })
          await queue.drained()
          page = await next
        }
      } catch (error) {
        get().notify('error', 'Could not load the session’s records', errorMessage(error))
      } finally {
        syncing.delete(sessionId)
        // Pushes that arrived meanwhile: the reducer drops the part the backlog already had.
        for (const batch of stashed.get(sessionId) ?? []) queue.push(sessionId, batch)
        stashed.delete(sessionId)
      }
      await queue.drained()
    }

    return {
      models: {},
      recordsLoaded: 0,
      summaries: [],
      activeSessionId: null,
      pendingAction: null,

      setSummaries: (summaries) => set({ summaries }),

      async loadSessionList() {
        try {
          const { sessions } = await client.call('session.list', {})
          set({ summaries: sessions })
          // After a page reload, show the newest session again instead of an empty window.
          if (get().activeSessionId === null && sessions.length > 0) get().setActiveSession(sessions[0].id)
        } catch (error) {
          get().notify('error', 'Could not list sessions', errorMessage(error))
        }
      },

      setActiveSession(sessionId) {
        if (get().activeSessionId !== sessionId) set({ activeSessionId: sessionId, selectedSeq: null, followTail: true })
        if (!get().models[sessionId]) void get().syncSession(sessionId, 0)
      },

      ingestRecords(sessionId, records) {
        if (records.length === 0) return
        // While a backlog loads, a push waits until the backlog reaches it; one that follows on
        // from what is already queued goes straight in (the fetch then starts after it).
        if (syncing.has(sessionId) && records[0].seq > lastSeqOf(sessionId) + 1) {
          stash(sessionId, records)
          return
        }
        if (records[0].seq <= lastSeqOf(sessionId) + 1) {
          queue.push(sessionId, records)
          return
        }
        // A gap (we attached late, or the host link dropped): fetch the missing part first.
        stash(sessionId, records)
        void get().syncSession(sessionId)
      },

      syncSession(sessionId, fromSeq) {
        const running = syncing.get(sessionId)
        if (running) return running
        const task = fetchAll(sessionId, fromSeq)
        syncing.set(sessionId, task)
        return task
      },

      recordAt: (sessionId, seq) => windows.get(sessionId)?.peek(seq),

      loadRecord(sessionId, seq, keep = false) {
        if (keep ? windowOf(sessionId).keep(seq) : windows.get(sessionId)?.peek(seq)) return Promise.resolve()
        const fromSeq = RecordChunks.chunkStart(seq)
        const key = `${sessionId}:${fromSeq}`
        const running = loading.get(key)
        if (running) return running
        const fetchRange = async (): Promise<void> => {
          for (let attempt = 0; ; attempt++) {
            try {
              return windowOf(sessionId).put((await client.call('session.records', { sessionId, fromSeq, limit: RECORD_CHUNK_SIZE })).records)
            } catch (error) {
              if (attempt >= RECORD_RETRY_MS.length) throw error
              await new Promise((resolve) => setTimeout(resolve, RECORD_RETRY_MS[attempt]))
            }
          }
        }
        const task = fetchRange()
          .then(() => set({ recordsLoaded: get().recordsLoaded + 1 }))
          .catch((error: unknown) => get().notify('error', 'Could not load the frame', errorMessage(error)))
          .finally(() => loading.delete(key))
        loading.set(key, task)
        return task
      },

      async connect(allowForeignHost) {
        if (get().pendingAction) return
        if (!allowForeignHost) {
          const prompt = foreignHostPrompt(get())
          if (prompt) {
            set({ foreignHostPrompt: prompt })
            return
          }
        }
        const request = connectRequest(get(), allowForeignHost)
        if (!request) {
          get().notify('error', 'Cannot connect', 'No environment is selected.')
          return
        }
        set({ pendingAction: 'connecting' })
        try {
          const { sessionId } = await client.call('session.connect', request)
          set({ activeSessionId: sessionId, selectedSeq: null, followTail: true, pendingAction: null })
          // The backlog covers records pushed before we knew the id; overlap is dropped by seq.
          await get().syncSession(sessionId, 0)
          // The sandbox's URL is only known once it has started.
          void get().loadEnvironments()
        } catch (error) {
          get().notify('error', 'Could not connect', errorMessage(error))
        } finally {
          set({ pendingAction: null })
        }
      },

      async disconnect() {
        const sessionId = get().activeSessionId
        if (!sessionId || get().pendingAction) return
        set({ pendingAction: 'disconnecting' })
        try {
          await client.call('session.disconnect', { sessionId })
        } catch (error) {
          get().notify('error', 'Could not disconnect', errorMessage(error))
        } finally {
          set({ pendingAction: null })
        }
      },

      async send(text, mode) {
        const sessionId = get().activeSessionId
        if (!sessionId) throw new Error('No session is active.')
        await client.call('session.send', { sessionId, text, mode })
        // Sending is a request to watch what comes back.
        set({ followTail: true })
      }
    }
  }
