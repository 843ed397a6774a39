import type { EventPayload, MethodRequest } from '../../../shared/api/contract'
import type { CredentialInfo, KeychainStatus } from '../../../shared/api/credential-schemas'
import { errorMessage, type SliceCreator } from './app-state'

/** What `credentials.list` answers and `credentials.changed` pushes. */
export type CredentialList = EventPayload<'credentials.changed'>

/**
 * Credentials as the UI may know them: ids, labels, kinds and non-secret claims, never a secret.
 *
 * The actions that bring a secret in (`addCredential`) pass it straight to the backend and keep
 * nothing of it: the secret lives only in the form that typed it, for as long as the form is open.
 */
export type CredentialsSlice = {
  credentials: CredentialInfo[]
  /** Null until the first list arrives. */
  keychain: KeychainStatus | null
  /** credentials.json could not be read (the backend moved it aside; nothing was lost). */
  credentialsLoadError: string | null
  /** Why the last `credentials.list` failed; shown in the Credentials panel instead of a toast at start-up. */
  credentialsFailure: string | null
  loadCredentials(): Promise<void>
  /** Take a list from a load or a `credentials.changed` push. */
  setCredentialList(list: CredentialList): void
  /** Store a secret; rejects with the backend's reason so the form can show it next to what was typed. */
  addCredential(request: MethodRequest<'credentials.add'>): Promise<CredentialInfo>
  renameCredential(id: string, label: string): Promise<CredentialInfo>
  removeCredential(id: string): Promise<void>
  /** Opt into (or out of) keeping secrets in main-process memory for this run. */
  setMemoryFallback(enabled: boolean): Promise<void>
  mintE2eToken(request: MethodRequest<'credentials.mint-e2e'>): Promise<CredentialInfo>
}

/** Replace the credential with the same id, or add it (the push that follows brings the full list). */
function upsert(list: CredentialInfo[], credential: CredentialInfo): CredentialInfo[] {
  return list.some((entry) => entry.id === credential.id)
    ? list.map((entry) => (entry.id === credential.id ? credential : entry))
    : [...list, credential]
}

/** Create the credentials slice. */
export const createCredentialsSlice: SliceCreator<CredentialsSlice> =
  ({ client }) =>
  (set, get) => ({
    credentials: [],
    keychain: null,
    credentialsLoadError: null,
    credentialsFailure: null,

    async loadCredentials() {
      try {
        get().setCredentialList(await client.call('credentials.list', {}))
      } catch (error) {
        // Not a toast: most sessions never need a credential; the panel and the picker say it where it matters.
        set({ credentialsFailure: errorMessage(error) })
      }
    },

    setCredentialList({ credentials, keychain, loadError }) {
      set({ credentials, keychain, credentialsLoadError: loadError ?? null, credentialsFailure: null })
    },

    async addCredential(request) {
      const { credential } = await client.call('credentials.add', request)
      set({ credentials: upsert(get().credentials, credential) })
      return credential
    },

    async renameCredential(id, label) {
      const { credential } = await client.call('credentials.rename', { id, label })
      set({ credentials: upsert(get().credentials, credential) })
      return credential
    },

    async removeCredential(id) {
      await client.call('credentials.remove', { id })
      set({ credentials: get().credentials.filter((entry) => entry.id !== id) })
      // A session choice pointing at a deleted credential would fail at connect: forget it.
      if (get().credentialId === id) get().setCredentialId(null)
    },

    async setMemoryFallback(enabled) {
      const { keychain } = await client.call('credentials.use-memory-fallback', { enabled })
      set({ keychain })
    },

    async mintE2eToken(request) {
      const { credential } = await client.call('credentials.mint-e2e', request)
      set({ credentials: upsert(get().credentials, credential) })
      return credential
    }
  })
