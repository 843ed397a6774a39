import type { KeychainReason } from '../../shared/api/credential-schemas'

/** A keychain failure, classified: `cause` says what is wrong, `fix` what the user can do. */
export class KeychainError extends Error {
  constructor(
    readonly reason: KeychainReason,
    readonly cause: string,
    readonly fix: string,
    /** The underlying library message, for logs; never shown without `cause`. */
    readonly detail: string | null = null
  ) {
    super(`keychain unavailable: ${cause}. Fix: ${fix}`)
    this.name = 'KeychainError'
  }
}

/** Cause and fix per reason; the Linux fixes name the Debian packages the README lists. */
const ADVICE: Readonly<Record<KeychainReason, { cause: string; fix: string }>> = {
  'keytar-not-built': {
    cause: 'keytar not built (its native module or libsecret could not be loaded)',
    fix: 'install libsecret (Debian/Ubuntu: apt-get install libsecret-1-0 libsecret-1-dev) and rebuild keytar: npm rebuild keytar (for the desktop app: npx electron-builder install-app-deps)'
  },
  'no-dbus-session': {
    cause: 'no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is unset or dead), so the Secret Service cannot be reached',
    fix: 'run inside a desktop login session, or start one for this shell: dbus-run-session -- bash, then unlock a keyring (echo -n <password> | gnome-keyring-daemon --unlock --components=secrets)'
  },
  'no-secret-service': {
    cause: 'no Secret Service is running on the D-Bus session bus',
    fix: "install and start one: apt-get install gnome-keyring (or enable KeePassXC's Secret Service integration)"
  },
  locked: {
    cause: 'the keyring is locked (or there is no default keyring) and no unlock prompt could be shown',
    fix: 'unlock it (Passwords and Keys / Seahorse, or: echo -n <password> | gnome-keyring-daemon --unlock), then try again'
  },
  'access-denied': {
    cause: 'access denied: the OS refused access to the keychain item',
    fix: 'allow access when the OS asks (macOS: Keychain Access → the netra-diagnostics item → Access Control), then try again'
  },
  timeout: {
    cause: 'the keychain did not answer in time (a locked keyring waiting on an unlock prompt can hang)',
    fix: 'unlock the keyring (answer any pending prompt), then try again'
  },
  unknown: {
    cause: 'unexpected keychain error',
    fix: 'check that the OS keychain works (Linux: a running, unlocked Secret Service), then try again'
  }
}

/** Patterns of the messages libsecret, D-Bus, macOS and Windows produce, most specific first. */
const PATTERNS: ReadonlyArray<[RegExp, KeychainReason]> = [
  [/cannot find module|keytar\.node|libsecret-1\.so|cannot open shared object|was compiled against a different node\.js version|NODE_MODULE_VERSION|invalid ELF/i, 'keytar-not-built'],
  [/cannot autolaunch d-bus|could not connect|failed to connect to socket|DBUS_SESSION_BUS_ADDRESS|no such file or directory|connection refused|did not receive a reply|connection.*closed/i, 'no-dbus-session'],
  [/org\.freedesktop\.secrets was not provided|ServiceUnknown|not provided by any \.service files/i, 'no-secret-service'],
  [/locked collection|is locked|collection\/login|object does not exist at path|prompt.*(dismissed|failed)|couldn't initialize prompt|no such secret collection/i, 'locked'],
  [/access denied|accessdenied|not allowed|user canceled|user interaction is not allowed|errSecAuthFailed|permission denied/i, 'access-denied']
]

/** Build the error for a known reason (the detail is the library's own message, if any). */
export function keychainError(reason: KeychainReason, detail: string | null = null, causeOverride?: string): KeychainError {
  const advice = ADVICE[reason]
  const cause = causeOverride ?? (reason === 'unknown' && detail ? `unexpected keychain error: ${detail}` : advice.cause)
  return new KeychainError(reason, cause, advice.fix, detail)
}

/** Turn anything keytar (or loading it) threw into a classified KeychainError. */
export function classifyKeychainError(error: unknown): KeychainError {
  if (error instanceof KeychainError) return error
  const detail = error instanceof Error ? error.message : String(error)
  const match = PATTERNS.find(([pattern]) => pattern.test(detail))
  return keychainError(match ? match[1] : 'unknown', detail)
}
