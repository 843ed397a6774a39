import type { Environment } from '../../../shared/api/contract'
import { classifyUrl } from '../../../shared/environments/classify-url'
import { errorMessage, type SliceCreator } from './app-state'
import {
  draftOf,
  emptyDraft,
  inputOf,
  NEW_ENVIRONMENT,
  sameDraft,
  type EnvironmentDraft
} from './environment-editor-draft'
import { prefillFromUrl } from './environment-editor-prefill'

/**
 * The Environments panel: which environment is being edited, the user's unsaved edits of each,
 * and the backend's last refusal. Drafts live here rather than in the panel, keyed by environment,
 * so closing the panel, switching to another environment or a refused Save loses nothing typed.
 */
export type EnvironmentEditorSlice = {
  /** The environment in the editor, or NEW_ENVIRONMENT. */
  envEditorId: string | null
  envDrafts: Record<string, EnvironmentDraft>
  envEditorPending: 'saving' | 'removing' | 'resetting' | null
  /** Why the last save, reset or delete was refused; kept until the next success, a switch or a dismissal. */
  envEditorError: string | null
  /** environments.json could not be read (moved aside, defaults in use). */
  envLoadError: string | null
  /** The environment just saved, for the "Saved ✓" note; cleared by the next edit or switch. */
  envJustSaved: string | null
  /** Open the panel on `id` (default: the one last edited, else the one picked for connecting). */
  openEnvironmentEditor(id?: string): void
  editEnvironment(id: string): void
  startNewEnvironment(): void
  /** Change fields of the draft in the editor (starting one from the saved environment). */
  changeEnvironmentDraft(patch: Partial<EnvironmentDraft>): void
  /** Fill a new environment's URLs, kind and name from a pasted URL (fields already typed by hand win). */
  pasteEnvironmentUrl(text: string): void
  revertEnvironmentDraft(): void
  saveEnvironmentDraft(): Promise<void>
  resetEnvironment(): Promise<void>
  removeEnvironment(): Promise<void>
  dismissEnvironmentError(): void
  /** Re-read the list for the panel, keeping what only the panel shows (the load error). */
  refreshEnvironmentEditor(): Promise<void>
}

/** Put a saved environment into the list right away (the `environments.changed` push follows). */
function upsert(list: Environment[], environment: Environment): Environment[] {
  return list.some((entry) => entry.id === environment.id)
    ? list.map((entry) => (entry.id === environment.id ? environment : entry))
    : [...list, environment]
}

/** Create the environment editor slice. */
export const createEnvironmentEditorSlice: SliceCreator<EnvironmentEditorSlice> =
  ({ client }) =>
  (set, get) => {
    const savedOf = (id: string | null): Environment | null =>
      get().environments.find((env) => env.id === id) ?? null
    const currentDraft = (id: string): EnvironmentDraft => {
      const saved = savedOf(id)
      return get().envDrafts[id] ?? (saved ? draftOf(saved) : emptyDraft())
    }
    const putDraft = (id: string, draft: EnvironmentDraft): void => {
      const saved = savedOf(id)
      const { [id]: _old, ...others } = get().envDrafts
      // A draft that says what is saved is no edit (a new one is kept while it has anything in it).
      const pristine = saved ? sameDraft(draft, draftOf(saved)) : sameDraft(draft, emptyDraft())
      set({ envDrafts: pristine ? others : { ...others, [id]: draft }, envJustSaved: null })
    }
    const dropDraft = (id: string): void => {
      const { [id]: _old, ...others } = get().envDrafts
      set({ envDrafts: others })
    }
    const run = async (
      pending: 'saving' | 'removing' | 'resetting',
      action: () => Promise<void>
    ): Promise<void> => {
      if (get().envEditorPending) return
      set({ envEditorPending: pending })
      try {
        await action()
        set({ envEditorError: null })
      } catch (error) {
        set({ envEditorError: errorMessage(error) })
      } finally {
        set({ envEditorPending: null })
      }
    }

    return {
      envEditorId: null,
      envDrafts: {},
      envEditorPending: null,
      envEditorError: null,
      envLoadError: null,
      envJustSaved: null,

      openEnvironmentEditor(id) {
        const { envEditorId, selectedEnvironmentId } = get()
        const target =
          id ??
          (envEditorId && (envEditorId === NEW_ENVIRONMENT || savedOf(envEditorId))
            ? envEditorId
            : selectedEnvironmentId)
        set({ drawer: 'environments', envEditorId: target })
        void get().refreshEnvironmentEditor()
      },

      editEnvironment(id) {
        if (id !== get().envEditorId) set({ envEditorId: id, envEditorError: null, envJustSaved: null })
      },

      startNewEnvironment: () =>
        set({ envEditorId: NEW_ENVIRONMENT, envEditorError: null, envJustSaved: null }),

      changeEnvironmentDraft(patch) {
        const id = get().envEditorId
        if (!id) return
        const before = currentDraft(id)
        const next = { ...before, ...patch }
        if (patch.kind !== undefined && patch.kindAuto === undefined) next.kindAuto = false
        // Built-ins are always their own kind; a custom one follows its URL until the user picks a kind.
        const followsUrl = next.kindAuto && !savedOf(id)?.builtIn
        if (followsUrl && (patch.wsUrl !== undefined || patch.kindAuto))
          next.kind = classifyUrl(next.wsUrl).kind
        putDraft(id, next)
      },

      pasteEnvironmentUrl(text) {
        const id = get().envEditorId
        const prefill = prefillFromUrl(text)
        if (!id || !prefill) return
        const draft = currentDraft(id)
        const blank = emptyDraft()
        const previous = prefillFromUrl(draft.wsUrl)
        // Only fields still blank or as the last paste filled them: a name or base the user typed is theirs.
        const keep = (field: 'name' | 'httpBase' | 'authBase'): boolean =>
          draft[field] !== blank[field] && draft[field] !== previous?.[field]
        putDraft(id, {
          ...draft,
          wsUrl: prefill.wsUrl,
          name: keep('name') ? draft.name : prefill.name,
          httpBase: keep('httpBase') ? draft.httpBase : prefill.httpBase,
          authBase: keep('authBase') ? draft.authBase : prefill.authBase,
          ...(draft.kindAuto ? { kind: prefill.kind } : {})
        })
      },

      revertEnvironmentDraft() {
        const id = get().envEditorId
        if (id) dropDraft(id)
        set({ envEditorError: null })
      },

      async saveEnvironmentDraft() {
        const id = get().envEditorId
        if (!id) return
        const saved = id === NEW_ENVIRONMENT ? null : savedOf(id)
        const draft = currentDraft(id)
        await run('saving', async () => {
          const { environment } = await client.call('environments.save', inputOf(draft, saved))
          // Only now: on a refusal the draft stays exactly as typed.
          dropDraft(id)
          set({
            environments: upsert(get().environments, environment),
            envEditorId: environment.id,
            envJustSaved: environment.id
          })
        })
      },

      async resetEnvironment() {
        const id = get().envEditorId
        if (!id || !savedOf(id)?.builtIn) return
        await run('resetting', async () => {
          const { environment } = await client.call('environments.reset', { id })
          set({ environments: upsert(get().environments, environment) })
          dropDraft(id)
        })
      },

      async removeEnvironment() {
        const id = get().envEditorId
        const saved = savedOf(id)
        if (!id || !saved || saved.builtIn) return
        await run('removing', async () => {
          await client.call('environments.remove', { id })
          dropDraft(id)
          const remaining = get().environments.filter((env) => env.id !== id)
          set({ environments: remaining })
          // The top bar's pick may have been this one; the list always starts with the built-ins.
          if (get().selectedEnvironmentId === id && remaining[0]) get().selectEnvironment(remaining[0].id)
          set({ envEditorId: get().selectedEnvironmentId })
        })
      },

      dismissEnvironmentError: () => set({ envEditorError: null }),

      async refreshEnvironmentEditor() {
        try {
          const { environments, defaultId, loadError } = await client.call('environments.list', {})
          get().setEnvironments(environments, defaultId)
          set({ envLoadError: loadError ?? null })
        } catch (error) {
          set({ envEditorError: `Could not load environments: ${errorMessage(error)}` })
        }
      }
    }
  }
