import { useSyncExternalStore } from 'react'

/** How often expiry badges are recomputed. */
const TICK_MS = 15_000

// One clock for every badge on screen, so the same token never reads "14 min" in one place and
// "15 min" in another; it only ticks while something shows it.
let now = Date.now()
let timer: ReturnType<typeof setInterval> | null = null
const listeners = new Set<() => void>()

function subscribe(listener: () => void): () => void {
  if (listeners.size === 0) {
    now = Date.now()
    timer = setInterval(() => {
      now = Date.now()
      listeners.forEach((notify) => notify())
    }, TICK_MS)
  }
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer)
      timer = null
    }
  }
}

const snapshot = (): number => now

/**
 * The current time, shared and refreshed every 15 s: expiry badges are computed from it, so a token
 * that expires while the panel is open turns red without a reload.
 */
export function useNow(): number {
  return useSyncExternalStore(subscribe, snapshot)
}
