import type { EventPayload } from '../../../shared/api/contract'
import type { HarWebSocketEntryView } from '../../../shared/api/har-schemas'
import type { LibraryEntry, LibrarySettings } from '../../../shared/api/library-schemas'
import { UPLOAD_CHUNK_MAX } from '../../../shared/api/library-schemas'
import { errorMessage, type SliceCreator } from './app-state'

/** What the library list is filtered by (all filtering happens in the backend). */
export type LibraryFilter = {
  text: string
  environmentId: string | null
  verdict: LibraryEntry['verdict'] | null
  component: string | null
}

/** A HAR file with several WebSocket entries, waiting for the user to pick one. */
export type HarPick = { serverPath: string; fileName: string; entries: HarWebSocketEntryView[]; issues: string[] }

/** A file being uploaded or opened, for the progress bar. */
export type OpenProgress = { fileName: string; done: number; total: number }

/**
 * The library (issue 11): past sessions as the backend's index lists them, a page at a time.
 *
 * The list is virtual: `libraryRows` is sparse (index → entry), filled by the pages the visible
 * window asks for, and thrown away whenever the filter or the library changes. Nothing here
 * ever holds all 10 000 entries.
 */
export type LibrarySlice = {
  libraryFilter: LibraryFilter
  libraryTotal: number
  libraryRows: Record<number, LibraryEntry>
  /** Bumped whenever rows are thrown away, so a page that lands late for an old query is ignored. */
  libraryGeneration: number
  libraryFacets: { environments: Array<{ id: string; name: string }>; components: string[] }
  librarySettings: LibrarySettings | null
  /** Record the next sessions into the library (the top bar's toggle); off keeps them in memory only. */
  recordSessions: boolean
  /** The last deleted entry, for the Undo notice. */
  lastDeleted: { id: string; name: string } | null
  /** A path the host could not reveal itself (browser): shown with a copy button. */
  revealedPath: string | null
  openProgress: OpenProgress | null
  /** The HAR whose entry the picker asks for, if any. */
  harPick: HarPick | null
  setLibraryFilter(patch: Partial<LibraryFilter>): void
  /** Reload the first page (after a change, or at start). */
  loadLibrary(): Promise<void>
  /** Make sure rows `[from, to)` are loaded. */
  loadLibraryRange(from: number, to: number): Promise<void>
  noteLibraryChanged(change: EventPayload<'library.changed'>): void
  loadLibrarySettings(): Promise<void>
  configureLibrary(recordingsDir: string | null): Promise<void>
  setRecordSessions(record: boolean): void
  renameLibraryEntry(id: string, name: string): Promise<void>
  deleteLibraryEntry(entry: LibraryEntry): Promise<void>
  undoDelete(): Promise<void>
  dismissUndo(): void
  revealLibraryEntry(id: string): Promise<void>
  dismissRevealed(): void
  /** Open a recording on the backend's disk as a read-only session, and show it. */
  openRecordingPath(path: string): Promise<void>
  /** Open files the user picked or dropped: by path in Electron, uploaded in chunks in a browser. */
  openLocalFiles(files: File[]): Promise<void>
  /** A `.har` file on the backend's disk: imported into the library (asking which entry when it holds several), then opened. */
  openHarFile(serverPath: string): Promise<void>
  /** Import the picked entry of `harPick` and open it. */
  pickHarEntry(entry: number): Promise<void>
  cancelHarPick(): void
}

/** Rows fetched per page. */
const PAGE = 200

const emptyFilter: LibraryFilter = { text: '', environmentId: null, verdict: null, component: null }

/** Electron's preload exposes the path of a picked or dropped file; a browser has none. */
function localPathOf(file: File): string | null {
  try {
    return window.netraFiles?.pathForFile(file) || null
  } catch {
    return null
  }
}

/** Base64 of a chunk of a file, without building one huge string. */
async function chunkBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer())
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

/** Create the library slice. */
export const createLibrarySlice: SliceCreator<LibrarySlice> =
  ({ client }) =>
  (set, get) => {
    const pending = new Map<number, Promise<void>>()
    let deleteTimer: ReturnType<typeof setTimeout> | null = null

    const request = (offset: number) => {
      const { text, environmentId, verdict, component } = get().libraryFilter
      return {
        offset,
        limit: PAGE,
        ...(text.trim() ? { text: text.trim() } : {}),
        ...(environmentId ? { environmentId } : {}),
        ...(verdict ? { verdict } : {}),
        ...(component ? { component } : {})
      }
    }

    const loadPage = (page: number, replace = false): Promise<void> => {
      const running = pending.get(page)
      if (running && !replace) return running
      const generation = get().libraryGeneration
      const task = client
        .call('library.list', request(page * PAGE))
        .then(({ entries, total, facets }) => {
          if (get().libraryGeneration !== generation) return
          // An empty page past the end changes nothing (and must not wake the list's loader again).
          if (!replace && entries.length === 0) return set({ libraryTotal: total })
          // A reload replaces every row at once (no empty flash); other pages fill in as the list asks.
          const rows = replace ? {} : { ...get().libraryRows }
          entries.forEach((entry, i) => (rows[page * PAGE + i] = entry))
          set({ libraryRows: rows, libraryTotal: total, libraryFacets: facets })
        })
        .catch((error: unknown) => get().notify('error', 'Could not list the library', errorMessage(error)))
        .finally(() => pending.delete(page))
      pending.set(page, task)
      return task
    }

    const show = async (path: string): Promise<void> => {
      const { session, issues } = await client.call('recordings.open', { path })
      if (issues?.length) get().notify('error', 'Some lines of the recording could not be read (skipped)', issues.join('\n'))
      const summaries = get().summaries.some((summary) => summary.id === session.id)
        ? get().summaries
        : [...get().summaries, session]
      set({ summaries })
      get().setActiveSession(session.id)
    }

    const importHar = async (serverPath: string, entry: number): Promise<void> => {
      const imported = await client.call('recordings.import-har', { path: serverPath, entry })
      if (imported.issues?.length) get().notify('error', 'Parts of the HAR could not be read (the rest was imported)', imported.issues.join('\n'))
      await show(imported.path)
    }

    const upload = async (file: File): Promise<string> => {
      let uploadId: string | undefined
      let offset = 0
      set({ openProgress: { fileName: file.name, done: 0, total: file.size } })
      for (;;) {
        const end = Math.min(file.size, offset + UPLOAD_CHUNK_MAX)
        const base64 = await chunkBase64(file.slice(offset, end))
        const done = end >= file.size
        const answer = await client.call('recordings.upload', {
          ...(uploadId ? { uploadId } : {}),
          fileName: file.name,
          offset,
          base64,
          done
        })
        uploadId = answer.uploadId
        offset = end
        set({ openProgress: { fileName: file.name, done: offset, total: file.size } })
        if (done) return answer.path as string
      }
    }

    return {
      libraryFilter: emptyFilter,
      libraryTotal: 0,
      libraryRows: {},
      libraryGeneration: 0,
      libraryFacets: { environments: [], components: [] },
      librarySettings: null,
      recordSessions: true,
      lastDeleted: null,
      revealedPath: null,
      openProgress: null,
      harPick: null,

      setLibraryFilter(patch) {
        set({ libraryFilter: { ...get().libraryFilter, ...patch } })
        void get().loadLibrary()
      },

      async loadLibrary() {
        pending.clear()
        set({ libraryGeneration: get().libraryGeneration + 1 })
        await loadPage(0, true)
      },

      async loadLibraryRange(from, to) {
        const pages: Promise<void>[] = []
        for (let page = Math.floor(from / PAGE); page * PAGE < Math.max(to, from + 1); page++) {
          if (get().libraryRows[page * PAGE] === undefined) pages.push(loadPage(page))
        }
        await Promise.all(pages)
      },

      noteLibraryChanged(change) {
        const settings = get().librarySettings
        if (settings) set({ librarySettings: { ...settings, indexing: change.indexing } })
        void get().loadLibrary()
      },

      async loadLibrarySettings() {
        try {
          set({ librarySettings: await client.call('library.settings', {}) })
        } catch (error) {
          get().notify('error', 'Could not read the library settings', errorMessage(error))
        }
      },

      async configureLibrary(recordingsDir) {
        try {
          set({ librarySettings: await client.call('library.configure', { recordingsDir }) })
          await get().loadLibrary()
        } catch (error) {
          get().notify('error', 'Could not move the library', errorMessage(error))
        }
      },

      setRecordSessions: (recordSessions) => set({ recordSessions }),

      async renameLibraryEntry(id, name) {
        try {
          await client.call('library.rename', { id, name })
        } catch (error) {
          get().notify('error', 'Could not rename the recording', errorMessage(error))
        }
      },

      async deleteLibraryEntry(entry) {
        try {
          await client.call('library.delete', { id: entry.id })
          set({ lastDeleted: { id: entry.id, name: entry.name } })
          if (deleteTimer) clearTimeout(deleteTimer)
          // The Undo notice stays long enough to be read and used, then goes (the trash stays until the next start).
          deleteTimer = setTimeout(() => get().dismissUndo(), 10_000)
        } catch (error) {
          get().notify('error', 'Could not delete the recording', errorMessage(error))
        }
      },

      async undoDelete() {
        const deleted = get().lastDeleted
        if (!deleted) return
        set({ lastDeleted: null })
        try {
          await client.call('library.restore', { id: deleted.id })
        } catch (error) {
          get().notify('error', 'Could not restore the recording', errorMessage(error))
        }
      },

      dismissUndo: () => set({ lastDeleted: null }),

      async revealLibraryEntry(id) {
        try {
          const { path, revealed } = await client.call('library.reveal', { id })
          if (!revealed) set({ revealedPath: path })
        } catch (error) {
          get().notify('error', 'Could not reveal the recording', errorMessage(error))
        }
      },

      dismissRevealed: () => set({ revealedPath: null }),

      async openRecordingPath(path) {
        try {
          await show(path)
        } catch (error) {
          get().notify('error', 'Could not open the recording', errorMessage(error))
        }
      },

      async openLocalFiles(files) {
        for (const file of files) {
          const lower = file.name.toLowerCase()
          if (!lower.endsWith('.ndjson') && !lower.endsWith('.har')) {
            get().notify(
              'error',
              `Could not open ${file.name}`,
              'Only .ndjson recordings and .har files can be opened.'
            )
            continue
          }
          try {
            const path = localPathOf(file) ?? (await upload(file))
            if (lower.endsWith('.har')) await get().openHarFile(path)
            else await show(path)
          } catch (error) {
            get().notify('error', `Could not open ${file.name}`, errorMessage(error))
          } finally {
            set({ openProgress: null })
          }
        }
      },

      async openHarFile(serverPath) {
        const fileName = serverPath.split(/[\\/]/).pop() ?? serverPath
        const { entries, issues = [] } = await client.call('recordings.har-entries', { path: serverPath })
        if (entries.length === 0) throw new Error(`${fileName} has no WebSocket connection to import`)
        if (entries.length > 1) return set({ harPick: { serverPath, fileName, entries, issues } })
        await importHar(serverPath, entries[0].index)
      },

      async pickHarEntry(entry) {
        const pick = get().harPick
        if (!pick) return
        set({ harPick: null })
        try {
          await importHar(pick.serverPath, entry)
        } catch (error) {
          get().notify('error', `Could not import ${pick.fileName}`, errorMessage(error))
        }
      },

      cancelHarPick: () => set({ harPick: null })
    }
  }
