/**
 * Small UI preferences (theme, panel sizes) kept in localStorage, which both hosts have: Electron's
 * renderer keeps it in the profile across launches, the browser per origin. Reading never throws —
 * storage can be disabled or full — and a value that does not parse falls back to the default.
 */

const PREFIX = 'netra.'

/** Read preference `key`, accepting it only if `parse` returns a value (otherwise `fallback`). */
export function readPref<T>(key: string, parse: (raw: string) => T | null, fallback: T, storage: Storage | null = safeStorage()): T {
  try {
    const raw = storage?.getItem(PREFIX + key)
    if (raw === null || raw === undefined) return fallback
    return parse(raw) ?? fallback
  } catch {
    return fallback
  }
}

/** Write preference `key`; a storage that refuses (quota, disabled) only costs the memory of it. */
export function writePref(key: string, value: string, storage: Storage | null = safeStorage()): void {
  try {
    storage?.setItem(PREFIX + key, value)
  } catch {
    // Not remembering a panel size is no reason to break the window.
  }
}

function safeStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    return null
  }
}
