import { randomBytes } from 'node:crypto'
import { classifyKeychainError, keychainError, type KeychainError } from './keychain-error'
import type { Keychain } from './keychain'

/** Account the probe writes and deletes; a leading dot cannot start an environment id, so it never names a credential. */
export const PROBE_ACCOUNT = '.netra-diagnostics/keychain-probe'

/** Whether the keychain works, and if not, why. */
export type KeychainProbe = { available: true; error: null } | { available: false; error: KeychainError }

/**
 * Check the keychain end to end: store, read back and delete a throwaway entry.
 * A write is needed because a locked libsecret collection answers reads with "nothing there"
 * rather than an error; only a write reveals that it is locked.
 */
export async function probeKeychain(keychain: Keychain): Promise<KeychainProbe> {
  const value = `probe-${randomBytes(8).toString('hex')}`
  try {
    await keychain.set(PROBE_ACCOUNT, value)
    const back = await keychain.get(PROBE_ACCOUNT)
    await keychain.delete(PROBE_ACCOUNT)
    if (back !== value) return { available: false, error: keychainError('locked', 'a stored probe entry could not be read back') }
    return { available: true, error: null }
  } catch (error) {
    return { available: false, error: classifyKeychainError(error) }
  }
}
