import { createStore, type StoreApi } from 'zustand/vanilla'
import type { ContractClient } from '../../../shared/api/contract'
import { createDiagnosisService, type DiagnosisService } from '../workers/diagnosis-service'
import type { AppState } from './app-state'
import { createConnectOptionsSlice } from './connect-options-slice'
import { createCredentialsSlice } from './credentials-slice'
import { createDiagnosisSlice } from './diagnosis-slice'
import { createEnvironmentEditorSlice } from './environment-editor-slice'
import { createEnvironmentsSlice } from './environments-slice'
import { createExportSlice } from './export-slice'
import { createFrameSearchSlice } from './frame-search-slice'
import { createHostSlice } from './host-slice'
import { createIsolationSlice } from './isolation-slice'
import { createLayoutSlice } from './layout-slice'
import { createLibrarySlice } from './library-slice'
import { createNoticesSlice } from './notices-slice'
import { createReplaySlice } from './replay-slice'
import { createSandboxSlice } from './sandbox-slice'
import { createSavedMessagesSlice } from './saved-messages-slice'
import { createSessionsSlice } from './sessions-slice'
import { createThemeSlice } from './theme-slice'
import { createUiSlice } from './ui-slice'

/** The window's store. */
export type AppStore = StoreApi<AppState>

/** Create the one store of this window, its actions bound to `client`, diagnosing through `diagnosis`. */
export function createAppStore(client: ContractClient, diagnosis: DiagnosisService = createDiagnosisService()): AppStore {
  const deps = { client, diagnosis }
  return createStore<AppState>()((...args) => ({
    ...createEnvironmentsSlice(deps)(...args),
    ...createConnectOptionsSlice(deps)(...args),
    ...createSessionsSlice(deps)(...args),
    ...createDiagnosisSlice(deps)(...args),
    ...createSandboxSlice(deps)(...args),
    ...createExportSlice(deps)(...args),
    ...createUiSlice(deps)(...args),
    ...createNoticesSlice(deps)(...args),
    ...createHostSlice(deps)(...args),
    ...createCredentialsSlice(deps)(...args),
    ...createEnvironmentEditorSlice(deps)(...args),
    ...createIsolationSlice(deps)(...args),
    ...createFrameSearchSlice(deps)(...args),
    ...createReplaySlice(deps)(...args),
    ...createSavedMessagesSlice(deps)(...args),
    ...createThemeSlice(deps)(...args),
    ...createLayoutSlice(deps)(...args),
    ...createLibrarySlice(deps)(...args)
  }))
}
