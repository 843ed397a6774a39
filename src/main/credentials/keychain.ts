/** keytar service name of every Netra Diagnostics secret. */
export const KEYCHAIN_SERVICE = 'netra-diagnostics'

/** Default time box of one keychain call: a locked keyring waiting for an unlock prompt can hang for ever. */
export const KEYCHAIN_TIMEOUT_MS = 3000

/**
 * A secret store keyed by account, for one service. The OS keychain (via keytar) implements it
 * for real; `MemoryKeychain` holds session-only secrets. Every implementation must time-box its
 * calls and reject with a `KeychainError`.
 */
export type Keychain = {
  /** Where secrets go, for messages ("the OS keychain", "memory (this run only)"). */
  readonly description: string
  get(account: string): Promise<string | null>
  set(account: string, secret: string): Promise<void>
  /** Resolves true when an entry was deleted, false when there was none. */
  delete(account: string): Promise<boolean>
}

/** The keychain account of a credential: `<environmentId>/<label>` (labels cannot contain `/`). */
export function keychainAccount(environmentId: string, label: string): string {
  return `${environmentId}/${label}`
}
