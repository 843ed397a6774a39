import { render } from '@testing-library/react'
import type { ReactElement } from 'react'
import { bindEvents } from '../stores/bind-events'
import { AppStoreProvider } from '../stores/AppStoreProvider'
import { createAppStore, type AppStore } from '../stores/create-app-store'
import { createFakeContractClient, type FakeContractClient, type FakeHandlers } from './fake-contract-client'

/**
 * Render `ui` with a fresh store bound to a fake backend answering with `handlers`, the events
 * wired as in the app (so `fake.emit` reaches the store). Call `unbind` after the test.
 */
export function renderWithClient(
  ui: ReactElement,
  handlers: FakeHandlers
): { fake: FakeContractClient; store: AppStore; unbind: () => void } & ReturnType<typeof render> {
  const fake = createFakeContractClient(handlers)
  const store = createAppStore(fake.client)
  const unbind = bindEvents({ kind: 'web', client: fake.client, onStatus: () => () => undefined }, store)
  const result = render(<AppStoreProvider store={store}>{ui}</AppStoreProvider>)
  return { fake, store, unbind, ...result }
}
