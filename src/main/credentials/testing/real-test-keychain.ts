import { randomBytes } from 'node:crypto'
import type { Keychain } from '../keychain'
import { probeKeychain } from '../keychain-probe'
import { createKeytarKeychain } from '../keytar-keychain'

/** The real OS keychain under a throwaway service name, and whether it works here. */
export type RealTestKeychain = {
  keychain: Keychain
  service: string
  available: boolean
  /** Why keychain tests skip: the probe's cause and fix, or empty when available. */
  skipReason: string
}

/**
 * Probe the real keychain once per test file. Tests use a service of their own
 * (`netra-diagnostics-test-<random>`), never the app's, so even a developer's desktop keyring
 * only sees entries that the tests delete again. Under scripts/with-test-keyring.sh this is a
 * throwaway gnome-keyring; without a Secret Service the keychain tests skip and say why.
 */
export async function realTestKeychain(): Promise<RealTestKeychain> {
  const service = `netra-diagnostics-test-${randomBytes(4).toString('hex')}`
  const keychain = createKeytarKeychain({ service })
  const probe = await probeKeychain(keychain)
  const skipReason = probe.available
    ? ''
    : `no usable Secret Service (${probe.error.cause}); run under scripts/with-test-keyring.sh`
  if (!probe.available) console.warn(`keychain tests skipped: ${skipReason}`)
  return { keychain, service, available: probe.available, skipReason }
}
