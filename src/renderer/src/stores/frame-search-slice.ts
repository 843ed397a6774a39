import type { FrameDirection } from '../../../shared/api/frame-record'
import { compileQuery, searchRecords, type SearchMode } from '../lib/frame-search'
import { errorMessage, type SliceCreator } from './app-state'
import { selectActiveModel } from './select-active'

/** Content search over the active session's frames. */
export type FrameSearchSlice = {
  searchQuery: string
  searchMode: SearchMode
  /** Direction filter of the frame list (also applied to the search). */
  searchDirection: FrameDirection | 'any'
  /** Matching seqs in order; null when no search is active. */
  searchMatches: number[] | null
  /** Fraction of the session searched so far while a search runs; null when idle. */
  searchProgress: number | null
  /** An invalid regex or a failed fetch, as a sentence. */
  searchError: string | null
  setSearch(query: string, mode: SearchMode): void
  setSearchDirection(direction: FrameDirection | 'any'): void
  /** Search the active session for the current query; a newer search cancels this one. */
  runSearch(): Promise<void>
  clearSearch(): void
}

/** Create the frame search slice; records outside what the renderer holds come from `session.records`. */
export const createFrameSearchSlice: SliceCreator<FrameSearchSlice> = ({ client }) => (set, get) => {
  let current: AbortController | null = null
  return {
    searchQuery: '',
    searchMode: 'plain',
    searchDirection: 'any',
    searchMatches: null,
    searchProgress: null,
    searchError: null,
    // A new query, mode or direction makes the old matches wrong at once: they go now, not when the
    // debounced search lands, so "next match" can never step through the previous query's matches.
    setSearch: (searchQuery, searchMode) => {
      const { searchQuery: query, searchMode: mode } = get()
      set(searchQuery === query && searchMode === mode ? { searchQuery, searchMode } : { searchQuery, searchMode, searchMatches: null })
    },
    setSearchDirection: (searchDirection) =>
      set(searchDirection === get().searchDirection ? { searchDirection } : { searchDirection, searchMatches: null }),
    clearSearch: () => {
      current?.abort()
      set({ searchQuery: '', searchMatches: null, searchProgress: null, searchError: null })
    },
    async runSearch() {
      current?.abort()
      const { searchQuery, searchMode, searchDirection } = get()
      const model = selectActiveModel(get())
      if (searchQuery === '' || !model) {
        set({ searchMatches: null, searchProgress: null, searchError: null })
        return
      }
      const query = compileQuery(searchQuery, searchMode)
      if (!query.ok) {
        set({ searchMatches: null, searchProgress: null, searchError: query.error })
        return
      }
      const controller = new AbortController()
      current = controller
      const sessionId = model.sessionId
      set({ searchProgress: 0, searchError: null })
      try {
        const matches = await searchRecords(
          {
            held: model.records,
            lastSeq: model.lastSeq,
            fetch: (fromSeq, limit) => client.call('session.records', { sessionId, fromSeq, limit })
          },
          query,
          {
            direction: searchDirection,
            signal: controller.signal,
            onProgress: (done, total) => {
              if (!controller.signal.aborted) set({ searchProgress: total === 0 ? 1 : done / total })
            }
          }
        )
        if (!controller.signal.aborted) set({ searchMatches: matches, searchProgress: null })
      } catch (error) {
        if (!controller.signal.aborted) set({ searchProgress: null, searchError: `Search failed: ${errorMessage(error)}` })
      }
    }
  }
}
