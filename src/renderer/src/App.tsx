import type { HostConnection } from './api/create-client'
import type { AppStore } from './stores/create-app-store'
import { AppStoreProvider } from './stores/AppStoreProvider'
import { MainWindow } from './views/MainWindow'
import { MissingTokenPage } from './views/MissingTokenPage'

/** The root: the main window when a host is reachable, otherwise why not. */
export function App({ connection, store }: { connection: HostConnection; store: AppStore | null }) {
  if (connection.kind === 'unavailable' || !store) {
    return <MissingTokenPage reason={connection.kind === 'unavailable' ? connection.reason : 'No backend.'} />
  }
  return (
    <AppStoreProvider store={store}>
      <MainWindow />
    </AppStoreProvider>
  )
}
