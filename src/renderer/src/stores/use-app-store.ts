import { useContext } from 'react'
import { useStore } from 'zustand'
import type { AppState } from './app-state'
import { AppStoreContext } from './app-store-context'
import type { AppStore } from './create-app-store'

/** The store itself, for event handlers that read state without subscribing. */
export function useAppStoreApi(): AppStore {
  const store = useContext(AppStoreContext)
  if (!store) throw new Error('useAppStore must be used inside <AppStoreProvider>.')
  return store
}

/** Select the smallest value a component needs; it re-renders only when that value changes. */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(useAppStoreApi(), selector)
}
