import type { StateCreator } from 'zustand/vanilla'
import type { ContractClient } from '../../../shared/api/contract'
import type { ConnectOptionsSlice } from './connect-options-slice'
import type { DiagnosisService } from '../workers/diagnosis-service'
import type { CredentialsSlice } from './credentials-slice'
import type { DiagnosisSlice } from './diagnosis-slice'
import type { EnvironmentEditorSlice } from './environment-editor-slice'
import type { EnvironmentsSlice } from './environments-slice'
import type { ExportSlice } from './export-slice'
import type { FrameSearchSlice } from './frame-search-slice'
import type { HostSlice } from './host-slice'
import type { IsolationSlice } from './isolation-slice'
import type { LayoutSlice } from './layout-slice'
import type { LibrarySlice } from './library-slice'
import type { NoticesSlice } from './notices-slice'
import type { ReplaySlice } from './replay-slice'
import type { SandboxSlice } from './sandbox-slice'
import type { SavedMessagesSlice } from './saved-messages-slice'
import type { SessionsSlice } from './sessions-slice'
import type { ThemeSlice } from './theme-slice'
import type { UiSlice } from './ui-slice'

/** The whole window state: every slice, side by side. */
export type AppState = EnvironmentsSlice &
  ConnectOptionsSlice &
  SessionsSlice &
  DiagnosisSlice &
  SandboxSlice &
  ExportSlice &
  UiSlice &
  NoticesSlice &
  HostSlice &
  CredentialsSlice &
  EnvironmentEditorSlice &
  IsolationSlice &
  FrameSearchSlice &
  ReplaySlice &
  SavedMessagesSlice &
  ThemeSlice &
  LayoutSlice &
  LibrarySlice

/**
 * What slices need besides the store: the backend client (injected so tests can pass a fake)
 * and where sessions are diagnosed (a Web Worker in the app).
 */
export type StoreDeps = { client: ContractClient; diagnosis: DiagnosisService }

/** A slice creator that sees the whole state. */
export type SliceCreator<Slice> = (deps: StoreDeps) => StateCreator<AppState, [], [], Slice>

/** A thrown value as a readable message. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
