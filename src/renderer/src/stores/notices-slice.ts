import { errorMessage, type SliceCreator } from './app-state'

/** What asking the host to reveal a notice's file found out. */
export type RevealOutcome =
  | { state: 'revealing' }
  /** Shown in the OS file manager (Electron). */
  | { state: 'revealed'; path: string }
  /** The host cannot open a file manager or does not know where the file went (a browser's downloads): offer to copy. */
  | { state: 'unavailable'; path: string | null }
  | { state: 'failed'; message: string }

/** One notice: an error or note that must not be lost. */
export type Notice = {
  id: number
  level: 'error' | 'info'
  title: string
  message: string
  /** How many times this exact notice repeated (shown as ×n instead of stacking copies). */
  count: number
  at: number
  /** A file the app just saved (its name): the notice offers to reveal it. */
  file?: string
  reveal?: RevealOutcome
}

/** Non-blocking notices; errors stay until dismissed, notes fade on their own. */
export type NoticesSlice = {
  notices: Notice[]
  notify(level: Notice['level'], title: string, message: string, file?: string): void
  dismissNotice(id: number): void
  /** Ask the host to show the notice's file in the file manager (`app.reveal-path`). */
  revealNoticeFile(id: number): Promise<void>
}

const INFO_LIFETIME_MS = 6_000
/** A note about a saved file stays longer: its "Reveal" must be reachable. */
const FILE_NOTICE_LIFETIME_MS = 20_000

/** Create the notices slice. */
export const createNoticesSlice: SliceCreator<NoticesSlice> =
  ({ client }) =>
  (set, get) => {
    let nextId = 1
    const patch = (id: number, change: Partial<Notice>): void =>
      set({ notices: get().notices.map((notice) => (notice.id === id ? { ...notice, ...change } : notice)) })
    return {
      notices: [],
      notify(level, title, message, file) {
        const last = get().notices.at(-1)
        if (last && last.level === level && last.title === title && last.message === message && last.file === file) {
          set({ notices: [...get().notices.slice(0, -1), { ...last, count: last.count + 1, at: Date.now() }] })
          return
        }
        const id = nextId++
        const notice: Notice = { id, level, title, message, count: 1, at: Date.now(), ...(file ? { file } : {}) }
        set({ notices: [...get().notices, notice] })
        if (level === 'info') setTimeout(() => get().dismissNotice(id), file ? FILE_NOTICE_LIFETIME_MS : INFO_LIFETIME_MS)
      },
      dismissNotice(id) {
        set({ notices: get().notices.filter((notice) => notice.id !== id) })
      },
      async revealNoticeFile(id) {
        const file = get().notices.find((notice) => notice.id === id)?.file
        if (!file) return
        patch(id, { reveal: { state: 'revealing' } })
        try {
          const { path, revealed } = await client.call('app.reveal-path', { fileName: file })
          patch(id, { reveal: revealed && path ? { state: 'revealed', path } : { state: 'unavailable', path } })
        } catch (error) {
          patch(id, { reveal: { state: 'failed', message: errorMessage(error) } })
        }
      }
    }
  }
