import { render } from '@testing-library/react'
import type { ReactElement } from 'react'
import type { FrameRecord } from '../../../shared/api/frame-record'
import { AppStoreProvider } from '../stores/AppStoreProvider'
import { createAppStore, type AppStore } from '../stores/create-app-store'
import { createFakeContractClient } from './fake-contract-client'

/** Render `ui` with a fresh store whose active session `s1` holds `records`. */
export function renderWithSession(ui: ReactElement, records: FrameRecord[]): { store: AppStore } & ReturnType<typeof render> {
  const store = createAppStore(createFakeContractClient().client)
  store.getState().ingestRecords('s1', records)
  store.setState({ activeSessionId: 's1' })
  const result = render(<AppStoreProvider store={store}>{ui}</AppStoreProvider>)
  return { store, ...result }
}
