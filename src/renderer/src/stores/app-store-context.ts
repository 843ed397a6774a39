import { createContext } from 'react'
import type { AppStore } from './create-app-store'

/** Carries the window's store to components (a context, so tests can render with their own). */
export const AppStoreContext = createContext<AppStore | null>(null)
