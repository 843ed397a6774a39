import { createRequire } from 'node:module'
import { classifyKeychainError, keychainError } from './keychain-error'
import { KEYCHAIN_SERVICE, KEYCHAIN_TIMEOUT_MS, type Keychain } from './keychain'
import { withTimeout } from './with-timeout'

/** The part of keytar we use. `findCredentials` is deliberately absent: on a locked libsecret collection it crashes the process (keytar 7.9). */
export type KeytarLike = {
  getPassword(service: string, account: string): Promise<string | null>
  setPassword(service: string, account: string, password: string): Promise<void>
  deletePassword(service: string, account: string): Promise<boolean>
}

/** Options of the OS keychain. */
export type KeytarKeychainOptions = {
  /** keytar service; tests use their own so they never touch real entries. */
  service?: string
  timeoutMs?: number
  /** How keytar is loaded; tests inject a stand-in (a never-answering one for the timeout path). */
  load?: () => Promise<KeytarLike>
}

/**
 * keytar is an optional native dependency: loading it may fail where libsecret is missing. It is
 * required at run time rather than imported, so a bundler never inlines it (bundled, its binding
 * resolves to the wrong object and every call fails).
 */
async function loadKeytar(): Promise<KeytarLike> {
  const requireAtRuntime = createRequire(import.meta.url)
  const keytar = requireAtRuntime('keytar') as Partial<KeytarLike>
  if (typeof keytar.setPassword !== 'function') throw new Error('the keytar module loaded but exposes no setPassword (a broken build)')
  return keytar as KeytarLike
}

/**
 * The OS keychain through keytar (libsecret/Secret Service on Linux, Keychain on macOS, Credential
 * Vault on Windows). keytar is loaded on first use; every call (the load included) is time-boxed
 * and every failure becomes a KeychainError naming the cause and the fix.
 */
export function createKeytarKeychain(options: KeytarKeychainOptions = {}): Keychain {
  const service = options.service ?? KEYCHAIN_SERVICE
  const timeoutMs = options.timeoutMs ?? KEYCHAIN_TIMEOUT_MS
  const load = options.load ?? loadKeytar
  let loading: Promise<KeytarLike> | null = null

  const keytar = (): Promise<KeytarLike> => {
    loading ??= load().catch((error: unknown) => {
      loading = null
      throw keychainError('keytar-not-built', error instanceof Error ? error.message : String(error))
    })
    return loading
  }

  const call = async <T>(what: string, run: (api: KeytarLike) => Promise<T>): Promise<T> => {
    try {
      return await withTimeout(
        keytar().then(run),
        timeoutMs,
        () =>
          keychainError(
            'timeout',
            `${what} took longer than ${timeoutMs} ms`,
            `the keychain did not answer within ${(timeoutMs / 1000).toFixed(1)} s while ${what} (a locked keyring waiting on an unlock prompt can hang)`
          )
      )
    } catch (error) {
      throw classifyKeychainError(error)
    }
  }

  return {
    description: 'the OS keychain',
    get: (account) => call('reading a secret', (api) => api.getPassword(service, account)),
    set: (account, secret) => call('storing a secret', (api) => api.setPassword(service, account, secret)),
    delete: (account) => call('deleting a secret', (api) => api.deletePassword(service, account))
  }
}
