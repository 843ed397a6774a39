import type { Environment } from '../../../shared/api/contract'
import { errorMessage, type SliceCreator } from './app-state'

/** Configured environments and which one is picked (per-session options live in the connect options slice). */
export type EnvironmentsSlice = {
  environments: Environment[]
  environmentsLoaded: boolean
  selectedEnvironmentId: string | null
  loadEnvironments(): Promise<void>
  /** Take a new list (from a load or an `environments.changed` push), keeping the user's pick. */
  setEnvironments(environments: Environment[], defaultId: string): void
  selectEnvironment(id: string): void
}

/** Create the environments slice. */
export const createEnvironmentsSlice: SliceCreator<EnvironmentsSlice> =
  ({ client }) =>
  (set, get) => ({
    environments: [],
    environmentsLoaded: false,
    selectedEnvironmentId: null,
    async loadEnvironments() {
      try {
        const { environments, defaultId, loadError } = await client.call('environments.list', {})
        get().setEnvironments(environments, defaultId)
        if (loadError) get().notify('error', 'Saved environments could not be read; defaults are in use', loadError)
      } catch (error) {
        get().notify('error', 'Could not load environments', errorMessage(error))
      }
    },
    setEnvironments(environments, defaultId) {
      const current = get().selectedEnvironmentId
      // Keep the user's pick across reloads of the list (the sandbox URL appears after it starts).
      const keep = current !== null && environments.some((env) => env.id === current)
      set({ environments, environmentsLoaded: true, selectedEnvironmentId: keep ? current : defaultId })
    },
    selectEnvironment(id) {
      set({ selectedEnvironmentId: id })
      get().resetEnvironmentOverrides()
    }
  })
