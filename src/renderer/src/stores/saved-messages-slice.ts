import type { SavedMessage, SavedMessageList } from '../../../shared/api/saved-message-schemas'
import { errorMessage, type SliceCreator } from './app-state'

/**
 * The composer's saved messages of one environment (the one the composer sends to).
 *
 * Every `messages.*` call answers the environment's whole list, so the slice takes it as is: no
 * local merge to drift from the file another window may have changed.
 */
export type SavedMessagesSlice = {
  /** The environment whose messages `savedMessages` holds; null before the first load. */
  savedMessagesEnvironmentId: string | null
  savedMessages: SavedMessage[]
  /** Why the last load failed, or saved-messages.json could not be read (moved aside; nothing lost). */
  savedMessagesProblem: string | null
  /** Load an environment's messages (the composer calls it when its environment changes). */
  loadSavedMessages(environmentId: string): Promise<void>
  /** Save the composer's text; rejects with the backend's reason (a taken name, a secret in the text). */
  saveMessage(environmentId: string, message: { name: string; text: string; mode: SavedMessage['mode']; replace?: boolean }): Promise<void>
  renameSavedMessage(environmentId: string, id: string, name: string): Promise<void>
  removeSavedMessage(environmentId: string, id: string): Promise<void>
}

/** Create the saved-messages slice. */
export const createSavedMessagesSlice: SliceCreator<SavedMessagesSlice> =
  ({ client }) =>
  (set) => {
    const take = ({ environmentId, messages, loadError }: SavedMessageList): void =>
      set({ savedMessagesEnvironmentId: environmentId, savedMessages: messages, savedMessagesProblem: loadError ?? null })
    return {
      savedMessagesEnvironmentId: null,
      savedMessages: [],
      savedMessagesProblem: null,

      async loadSavedMessages(environmentId) {
        try {
          take(await client.call('messages.list', { environmentId }))
        } catch (error) {
          // Shown in the composer's saved list, not as a toast: sending does not depend on it.
          set({ savedMessagesEnvironmentId: environmentId, savedMessages: [], savedMessagesProblem: `could not load saved messages: ${errorMessage(error)}` })
        }
      },

      async saveMessage(environmentId, message) {
        take(await client.call('messages.save', { environmentId, ...message }))
      },

      async renameSavedMessage(environmentId, id, name) {
        take(await client.call('messages.rename', { environmentId, id, name }))
      },

      async removeSavedMessage(environmentId, id) {
        take(await client.call('messages.remove', { environmentId, id }))
      }
    }
  }
