import type { HostConnection } from '../api/create-client'
import type { AppStore } from './create-app-store'

/**
 * Wire the backend's pushed events into the store, then load the initial state.
 *
 * The only module that listens to the host: components never subscribe themselves, so
 * each record is applied exactly once whatever is on screen. Returns the unbind function.
 */
export function bindEvents(connection: Extract<HostConnection, { client: unknown }>, store: AppStore): () => void {
  const { client } = connection
  const actions = store.getState()

  // After the host link comes back, pushes sent while it was down are gone: refetch them.
  const resync = async (): Promise<void> => {
    await Promise.all([actions.loadEnvironments(), actions.loadSessionList(), actions.loadSandbox(), actions.loadCredentials(), actions.loadLibrary()])
    await Promise.all(Object.keys(store.getState().models).map((id) => actions.syncSession(id)))
  }

  const offRecords = client.on('session.records', ({ sessionId, records }) => actions.ingestRecords(sessionId, records))
  const offSessions = client.on('sessions.changed', ({ sessions }) => actions.setSummaries(sessions))
  const offExportProgress = client.on('session.export-progress', (progress) => actions.noteExportProgress(progress))
  const offEnvironments = client.on('environments.changed', ({ environments, defaultId }) =>
    actions.setEnvironments(environments, defaultId)
  )
  const offCredentials = client.on('credentials.changed', (list) => actions.setCredentialList(list))
  const offLibrary = client.on('library.changed', (change) => actions.noteLibraryChanged(change))
  const offSandbox = client.on('sandbox.changed', (status) => {
    actions.setSandboxStatus(status)
    // The sandbox's URL lives in its environment entry; a restart may change the port.
    void actions.loadEnvironments()
  })
  let dropped = false
  const offStatus = connection.onStatus((status) => {
    actions.setHostStatus(status)
    if (status.state === 'disconnected') dropped = true
    if (status.state === 'open' && dropped) {
      dropped = false
      void resync()
    }
  })

  void actions.loadEnvironments()
  void actions.loadSessionList()
  void actions.loadSandbox()
  void actions.loadCredentials()
  void actions.loadLibrary()
  void actions.loadLibrarySettings()

  return () => {
    offRecords()
    offSessions()
    offExportProgress()
    offEnvironments()
    offCredentials()
    offLibrary()
    offSandbox()
    offStatus()
  }
}
