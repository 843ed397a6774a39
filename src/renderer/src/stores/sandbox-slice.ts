import type { MethodResponse, SandboxStatus } from '../../../shared/api/contract'
import { baseFaultId, sameSettings, settingsOf, type SandboxSettings } from '../lib/sandbox-settings'
import { errorMessage, type SliceCreator } from './app-state'

/** The generations, faults and triage orders the sandbox offers. */
export type SandboxCatalog = MethodResponse<'sandbox.catalog'>

/**
 * The embedded sandbox: what is active (from `sandbox.status` / `sandbox.changed`), what it can do,
 * and the user's edits not yet applied. Edits and the backend's last refusal live here rather than
 * in the panel, so closing the panel loses neither.
 */
export type SandboxSlice = {
  sandboxStatus: SandboxStatus | null
  sandboxCatalog: SandboxCatalog | null
  /** Edits not yet applied; null while the panel simply shows what is active. */
  sandboxDraft: SandboxSettings | null
  sandboxPending: 'applying' | 'clearing' | null
  /** Why the last apply or clear was refused; kept until the next success or until dismissed. */
  sandboxError: string | null
  loadSandbox(): Promise<void>
  setSandboxStatus(status: SandboxStatus): void
  /** Change part of the draft (starting one from the active settings). */
  editSandbox(patch: Partial<SandboxSettings>): void
  /** Tick or untick a fault in the draft. */
  toggleSandboxFault(fault: string): void
  /** Add a fault by id, e.g. with a parameter (`slow-llm:8000`), replacing the same fault's other form. */
  addSandboxFault(fault: string): void
  revertSandbox(): void
  /** Send the draft to `sandbox.configure`; it applies to connections opened afterwards. */
  applySandbox(): Promise<void>
  /** Remove every fault right away (generation and triage stay), discarding drafted fault edits. */
  clearSandboxFaults(): Promise<void>
  dismissSandboxError(): void
}

/** Create the sandbox slice. */
export const createSandboxSlice: SliceCreator<SandboxSlice> =
  ({ client }) =>
  (set, get) => {
    const draftOrActive = (): SandboxSettings | null => {
      const { sandboxDraft, sandboxStatus } = get()
      return sandboxDraft ?? (sandboxStatus ? settingsOf(sandboxStatus) : null)
    }

    const configure = async (settings: Partial<SandboxSettings>, pending: 'applying' | 'clearing'): Promise<boolean> => {
      if (get().sandboxPending) return false
      set({ sandboxPending: pending })
      try {
        get().setSandboxStatus(await client.call('sandbox.configure', settings))
        set({ sandboxError: null })
        return true
      } catch (error) {
        set({ sandboxError: errorMessage(error) })
        return false
      } finally {
        set({ sandboxPending: null })
      }
    }

    return {
      sandboxStatus: null,
      sandboxCatalog: null,
      sandboxDraft: null,
      sandboxPending: null,
      sandboxError: null,

      async loadSandbox() {
        const [status, catalog] = await Promise.allSettled([client.call('sandbox.status', {}), client.call('sandbox.catalog', {})])
        if (status.status === 'fulfilled') set({ sandboxStatus: status.value })
        else get().notify('error', 'Could not read the sandbox’s state', errorMessage(status.reason))
        if (catalog.status === 'fulfilled') set({ sandboxCatalog: catalog.value })
        else get().notify('error', 'Could not load the sandbox catalog', errorMessage(catalog.reason))
      },

      setSandboxStatus(status) {
        const draft = get().sandboxDraft
        // An edit that now matches what is active is no longer an edit.
        set({ sandboxStatus: status, sandboxDraft: draft && sameSettings(draft, settingsOf(status)) ? null : draft })
      },

      editSandbox(patch) {
        const current = draftOrActive()
        if (current) set({ sandboxDraft: { ...current, ...patch } })
      },

      toggleSandboxFault(fault) {
        const current = draftOrActive()
        if (!current) return
        const ticked = current.faults.some((id) => id === fault || baseFaultId(id) === fault)
        const faults = ticked
          ? current.faults.filter((id) => id !== fault && baseFaultId(id) !== fault)
          : [...current.faults, fault]
        get().editSandbox({ faults })
      },

      addSandboxFault(fault) {
        const current = draftOrActive()
        const id = fault.trim()
        if (!current || !id) return
        get().editSandbox({ faults: [...current.faults.filter((known) => baseFaultId(known) !== baseFaultId(id)), id] })
      },

      revertSandbox: () => set({ sandboxDraft: null, sandboxError: null }),

      async applySandbox() {
        const draft = get().sandboxDraft
        if (!draft) return
        // On failure the draft stays, so nothing the user picked is lost while they fix it.
        if (await configure(draft, 'applying')) set({ sandboxDraft: null })
      },

      async clearSandboxFaults() {
        if (!(await configure({ faults: [] }, 'clearing'))) return
        // Drafted fault edits are moot now; drafted generation or triage edits stay, unless they now match.
        const { sandboxDraft: draft, sandboxStatus: status } = get()
        if (!draft || !status) return
        const next = { ...draft, faults: [] }
        set({ sandboxDraft: sameSettings(next, settingsOf(status)) ? null : next })
      },

      dismissSandboxError: () => set({ sandboxError: null })
    }
  }
