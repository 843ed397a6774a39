import { ContractError, type ContractHandlers } from '../../shared/api/contract'
import type { SavedMessageList } from '../../shared/api/saved-message-schemas'
import { SecretRedactor } from '../../shared/session-log/secret-redactor'
import type { CredentialVault } from '../credentials/credential-vault'
import type { SavedMessageStore } from '../settings/saved-message-store'

/** The `messages.*` methods (the composer's saved messages). */
export type SavedMessageHandlers = Pick<ContractHandlers, 'messages.list' | 'messages.save' | 'messages.rename' | 'messages.remove'>

/** What the saved-message methods need from the backend. */
export type SavedMessageHandlerDeps = {
  store: SavedMessageStore
  vault: Pick<CredentialVault, 'list' | 'secretOf'>
  /** Every secret this backend knows (sandbox keys, secrets read so far): text carrying one is never written. */
  redactor: SecretRedactor
  /** Throws `not-found` for an unknown environment: messages are never saved under an id nobody can pick. */
  requireEnvironment(environmentId: string): void
}

/**
 * A JWT anywhere in the text (header and payload are base64url JSON objects, so both start `eyJ`).
 * Tokens the app never stored — a sandbox session's minted one, one copied from a browser — are
 * caught by their shape, since no list of known secrets has them.
 */
const JWT_SHAPE = /eyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{8,}/

/**
 * Which stored credential of the environment the text carries (its label), or null.
 *
 * The secrets are read from the keychain here, in main, and compared with the redactor's rules, so a
 * token pasted base64- or percent-encoded, or inside a JSON string, is found as well as a plain one.
 * A secret that cannot be read (a locked keychain, a session-only secret that ended) cannot be in the
 * way either; the backend's own redactor still checks every secret it knows.
 */
async function storedSecretIn(deps: SavedMessageHandlerDeps, environmentId: string, text: string): Promise<string | null> {
  const { credentials } = await deps.vault.list()
  for (const credential of credentials.filter((entry) => entry.environmentId === environmentId)) {
    let secret: string
    try {
      secret = (await deps.vault.secretOf(credential.id)).secret
    } catch {
      continue
    }
    if (new SecretRedactor([secret]).redact(text) !== text) return credential.label
  }
  return null
}

/** Implement `messages.*` over the store; a message carrying a secret is refused, never redacted and saved. */
export function savedMessageHandlers(deps: SavedMessageHandlerDeps): SavedMessageHandlers {
  const listOf = (environmentId: string): SavedMessageList => {
    const messages = deps.store.list(environmentId)
    const loadError = deps.store.loadError
    return { environmentId, messages, ...(loadError ? { loadError } : {}) }
  }
  return {
    'messages.list': async ({ environmentId }) => listOf(environmentId),

    'messages.save': async ({ environmentId, name, text, mode, replace }) => {
      deps.requireEnvironment(environmentId)
      // Refused rather than saved redacted: a «redacted» placeholder sent later would quietly be a different message.
      const label = await storedSecretIn(deps, environmentId, text)
      if (label !== null)
        throw new ContractError('invalid-request', `the message contains the secret of credential "${label}" of this environment; it was not saved (remove the token and save again)`)
      if (deps.redactor.redact(text) !== text)
        throw new ContractError('invalid-request', 'the message contains a secret the app knows (a token, key or ticket); it was not saved (remove it and save again)')
      if (JWT_SHAPE.test(text)) throw new ContractError('invalid-request', 'the message contains a JWT (an access token); saved messages never hold tokens (remove it and save again)')
      deps.store.save(environmentId, { name, text, mode, replace })
      return listOf(environmentId)
    },

    'messages.rename': async ({ environmentId, id, name }) => {
      deps.store.rename(environmentId, id, name)
      return listOf(environmentId)
    },

    'messages.remove': async ({ environmentId, id }) => {
      deps.store.remove(environmentId, id)
      return listOf(environmentId)
    }
  }
}
