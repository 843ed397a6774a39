import type { SliceCreator } from './app-state'

/** One toast: an error or note that must not be lost. */
export type Notice = {
  id: number
  level: 'error' | 'info'
  title: string
  message: string
  /** How many times this exact notice repeated (shown as ×n instead of stacking copies). */
  count: number
  at: number
}

/** Non-blocking notices; errors stay until dismissed, notes fade on their own. */
export type NoticesSlice = {
  notices: Notice[]
  notify(level: Notice['level'], title: string, message: string): void
  dismissNotice(id: number): void
}

const INFO_LIFETIME_MS = 6_000

/** Create the notices slice. */
export const createNoticesSlice: SliceCreator<NoticesSlice> = () => (set, get) => {
  let nextId = 1
  return {
    notices: [],
    notify(level, title, message) {
      const last = get().notices.at(-1)
      if (last && last.level === level && last.title === title && last.message === message) {
        set({ notices: [...get().notices.slice(0, -1), { ...last, count: last.count + 1, at: Date.now() }] })
        return
      }
      const id = nextId++
      set({ notices: [...get().notices, { id, level, title, message, count: 1, at: Date.now() }] })
      if (level === 'info') setTimeout(() => get().dismissNotice(id), INFO_LIFETIME_MS)
    },
    dismissNotice(id) {
      set({ notices: get().notices.filter((notice) => notice.id !== id) })
    }
  }
}
