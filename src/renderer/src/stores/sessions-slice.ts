import type { SessionSummary } from '../../../shared/api/contract'
import type { FrameRecord } from '../../../shared/api/frame-record'
import { applyRecords, createSessionModel, type SessionModel } from '../../../shared/session-model'
import { errorMessage, type SliceCreator } from './app-state'
import { connectRequest } from './connect-request'
import { foreignHostPrompt } from './foreign-host-prompt'

/** How the composer sends its text. */
export type SendMode = 'user_message' | 'raw'

/** Sessions: their models (built only by `applyRecords`), the list, and the one in view. */
export type SessionsSlice = {
  models: Record<string, SessionModel>
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
  /**
   * Open a session with the picked options. A credential bound to other hosts is not sent: the
   * foreign-host dialog asks first, and confirming calls this again with `allowForeignHost`.
   */
  connect(allowForeignHost?: string): Promise<void>
  disconnect(): Promise<void>
  /** Send on the active session; rejects with the reason so the composer can show it inline. */
  send(text: string, mode: SendMode): Promise<void>
}

/** Page size of backlog fetches (the contract's maximum). */
const PAGE = 50_000

/** Create the sessions slice. */
export const createSessionsSlice: SliceCreator<SessionsSlice> =
  ({ client }) =>
  (set, get) => {
    // Sync bookkeeping is not state anyone renders, so it lives outside the store.
    const syncing = new Map<string, Promise<void>>()
    const stashed = new Map<string, FrameRecord[][]>()

    const apply = (sessionId: string, records: readonly FrameRecord[]): void => {
      if (records.length === 0) return
      const models = get().models
      const before = models[sessionId] ?? createSessionModel(sessionId)
      const after = applyRecords(before, records)
      if (after !== models[sessionId]) set({ models: { ...models, [sessionId]: after } })
    }

    const stash = (sessionId: string, records: FrameRecord[]): void => {
      const batches = stashed.get(sessionId) ?? []
      batches.push(records)
      stashed.set(sessionId, batches)
    }

    const fetchAll = async (sessionId: string, fromSeq: number | undefined): Promise<void> => {
      let from = fromSeq ?? (get().models[sessionId]?.lastSeq ?? -1) + 1
      try {
        for (;;) {
          const page = await client.call('session.records', { sessionId, fromSeq: from, limit: PAGE })
          apply(sessionId, page.records)
          if (page.done || page.records.length === 0) break
          from = Math.max(page.nextSeq, (get().models[sessionId]?.lastSeq ?? -1) + 1)
        }
      } catch (error) {
        get().notify('error', 'Could not load the session’s records', errorMessage(error))
      } finally {
        syncing.delete(sessionId)
        // Pushes that arrived meanwhile: the reducer drops the part the backlog already had.
        for (const batch of stashed.get(sessionId) ?? []) apply(sessionId, batch)
        stashed.delete(sessionId)
      }
    }

    return {
      models: {},
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
        if (syncing.has(sessionId)) {
          stash(sessionId, records)
          return
        }
        const lastSeq = get().models[sessionId]?.lastSeq ?? -1
        if (records[0].seq <= lastSeq + 1) {
          apply(sessionId, records)
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
