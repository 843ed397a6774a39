import type { IsolationRunResponse } from '../../../shared/api/isolation-schemas'
import { errorMessage, type SliceCreator } from './app-state'

/** The multi-user isolation check as the window runs it. */
export type IsolationSlice = {
  /** Users the next check opens. */
  isolationUsers: number
  isolationRunning: boolean
  isolationResult: IsolationRunResponse | null
  isolationError: string | null
  setIsolationUsers(users: number): void
  /** Run `isolation.run` against the selected environment. */
  runIsolation(): Promise<void>
}

/** Create the isolation slice. */
export const createIsolationSlice: SliceCreator<IsolationSlice> =
  ({ client }) =>
  (set, get) => ({
    isolationUsers: 5,
    isolationRunning: false,
    isolationResult: null,
    isolationError: null,
    setIsolationUsers: (users) => set({ isolationUsers: users }),
    async runIsolation() {
      const environmentId = get().selectedEnvironmentId
      if (!environmentId || get().isolationRunning) return
      set({ isolationRunning: true, isolationError: null })
      try {
        const result = await client.call('isolation.run', { environmentId, users: get().isolationUsers })
        set({ isolationResult: result })
      } catch (error) {
        set({ isolationError: errorMessage(error) })
      } finally {
        set({ isolationRunning: false })
      }
    }
  })
