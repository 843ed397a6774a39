import { describe, expect, it } from 'vitest'
import { classifyKeychainError, KeychainError } from './keychain-error'

// Messages captured from keytar 7.9 / libsecret on Debian 12 (see the issue-5 report), plus macOS ones.
describe('classifyKeychainError', () => {
  it.each([
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'no-dbus-session'],
    ['Could not connect: No such file or directory', 'no-dbus-session'],
    ['The name org.freedesktop.secrets was not provided by any .service files', 'no-secret-service'],
    ['Cannot create an item in a locked collection', 'locked'],
    ['Object does not exist at path “/org/freedesktop/secrets/collection/login”', 'locked'],
    ['User canceled the operation.', 'access-denied'],
    ['User interaction is not allowed.', 'access-denied'],
    ["Cannot find module 'keytar'", 'keytar-not-built'],
    ['libsecret-1.so.0: cannot open shared object file: No such file or directory', 'keytar-not-built'],
    ['something else entirely', 'unknown']
  ] as const)('%s → %s', (message, reason) => {
    const error = classifyKeychainError(new Error(message))
    expect(error).toBeInstanceOf(KeychainError)
    expect(error.reason).toBe(reason)
    expect(error.cause.length).toBeGreaterThan(10)
    expect(error.fix.length).toBeGreaterThan(10)
    expect(error.message).toMatch(/^keychain unavailable: .+\. Fix: .+/)
  })

  it('says "keytar not built" and how to rebuild it', () => {
    const error = classifyKeychainError(new Error("Cannot find module 'keytar'"))
    expect(error.cause).toMatch(/keytar not built/)
    expect(error.fix).toMatch(/npm rebuild keytar/)
  })

  it('keeps an unknown library message as the cause, and passes a KeychainError through', () => {
    expect(classifyKeychainError('weird').cause).toMatch(/unexpected keychain error: weird/)
    const error = classifyKeychainError(new Error('Cannot create an item in a locked collection'))
    expect(classifyKeychainError(error)).toBe(error)
  })
})
