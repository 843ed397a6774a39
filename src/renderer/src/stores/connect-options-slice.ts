import type { MethodRequest } from '../../../shared/api/contract'
import type { AuthMethod } from '../../../shared/api/frame-record'
import type { SliceCreator } from './app-state'
import type { ForeignHostPrompt } from './foreign-host-prompt'

/** How a `subprotocol` token is offered: `jwt.<token>` alone, or the older `["jwt-auth", "jwt.<token>"]` pair. */
export type SubprotocolStyle = NonNullable<MethodRequest<'session.connect'>['subprotocolStyle']>

/** Per-session choices made next to the Connect button; null means "the environment's own". */
export type ConnectOptionsSlice = {
  authMethod: AuthMethod | null
  subprotocolStyle: SubprotocolStyle | null
  /** Send a protocol `ping` this often; null sends none. */
  pingIntervalMs: number | null
  /** The stored access token to authenticate with; null uses the environment's default (the sandbox mints its own). */
  credentialId: string | null
  setAuthMethod(method: AuthMethod | null): void
  setSubprotocolStyle(style: SubprotocolStyle | null): void
  setPingInterval(ms: number | null): void
  setCredentialId(id: string | null): void
  /** Connect was pressed with a credential bound to other hosts: the dialog asks before anything is sent. */
  foreignHostPrompt: ForeignHostPrompt | null
  dismissForeignHostPrompt(): void
  /** Drop the overrides that only make sense for one environment (called when another is picked). */
  resetEnvironmentOverrides(): void
}

/** Create the connect options slice. */
export const createConnectOptionsSlice: SliceCreator<ConnectOptionsSlice> = () => (set) => ({
  authMethod: null,
  subprotocolStyle: null,
  pingIntervalMs: null,
  credentialId: null,
  setAuthMethod: (authMethod) => set({ authMethod }),
  setSubprotocolStyle: (subprotocolStyle) => set({ subprotocolStyle }),
  setPingInterval: (pingIntervalMs) => set({ pingIntervalMs }),
  setCredentialId: (credentialId) => set({ credentialId }),
  foreignHostPrompt: null,
  dismissForeignHostPrompt: () => set({ foreignHostPrompt: null }),
  // The ping interval is about the network path, not the environment, so it survives a switch;
  // a credential belongs to one environment, so it does not.
  resetEnvironmentOverrides: () => set({ authMethod: null, subprotocolStyle: null, credentialId: null })
})
