import type { ContractHandlers, SessionSummary } from '../../../shared/api/contract'
import type { Library } from './library'

/** What the library's handlers need from the backend. */
export type LibraryHandlerDeps = {
  library: Library
  /** Open a recording as a read-only session in the session list (the backend owns that list). */
  openRecording(path: string): Promise<{ session: SessionSummary; issues?: string[] }>
}

type LibraryMethods =
  | 'library.list'
  | 'library.rename'
  | 'library.delete'
  | 'library.restore'
  | 'library.reveal'
  | 'library.settings'
  | 'library.configure'
  | 'recordings.open'
  | 'recordings.upload'

/** The contract methods of the library (issue 11), for the backend's handler table. */
export function libraryHandlers({
  library,
  openRecording
}: LibraryHandlerDeps): Pick<ContractHandlers, LibraryMethods> {
  return {
    'library.list': async (query) => library.list(query),
    'library.rename': async ({ id, name }) => {
      library.rename(id, name)
      return { ok: true as const }
    },
    'library.delete': async ({ id }) => {
      await library.delete(id)
      return { ok: true as const }
    },
    'library.restore': async ({ id }) => {
      await library.restore(id)
      return { ok: true as const }
    },
    'library.reveal': async ({ id }) => library.reveal(id),
    'library.settings': async () => library.settings(),
    'library.configure': async ({ recordingsDir }) => library.configure(recordingsDir),
    'recordings.open': async ({ path }) => openRecording(path),
    'recordings.upload': async (chunk) => library.upload(chunk)
  }
}
