import type { MethodRequest } from '../../../shared/api/contract'
import type { AppState } from './app-state'

/**
 * The `session.connect` request for the picked environment and options, or null when none is picked.
 *
 * The subprotocol style only means something for `subprotocol` auth, so it is sent only then; and it
 * is always sent then (the environment's own style when not overridden), because the backend does
 * not fall back to the environment's setting by itself.
 */
export function connectRequest(
  state: Pick<
    AppState,
    'environments' | 'selectedEnvironmentId' | 'authMethod' | 'subprotocolStyle' | 'pingIntervalMs' | 'credentialId' | 'credentials'
  > &
    Partial<Pick<AppState, 'recordSessions'>>,
  /** The user's confirmation, for this one connect, that the credential may go to these foreign hosts. */
  allowForeignHost?: string
): MethodRequest<'session.connect'> | null {
  const environment = state.environments.find((env) => env.id === state.selectedEnvironmentId)
  if (!state.selectedEnvironmentId) return null
  const effectiveAuth = state.authMethod ?? environment?.authMethod
  const style = state.subprotocolStyle ?? environment?.subprotocolStyle
  // Only a credential that still exists: a stale pick would make the backend refuse the whole connect
  // instead of using the environment's default. One of another environment is allowed: the backend
  // refuses it for a foreign host unless `allowForeignHost` confirms that host (the UI asks first).
  const credentialId = state.credentials.some((entry) => entry.id === state.credentialId) ? state.credentialId : null
  return {
    environmentId: state.selectedEnvironmentId,
    ...(state.authMethod ? { authMethod: state.authMethod } : {}),
    ...(effectiveAuth === 'subprotocol' && style ? { subprotocolStyle: style } : {}),
    ...(credentialId ? { credentialId } : {}),
    ...(credentialId && allowForeignHost ? { allowForeignHost } : {}),
    ...(state.pingIntervalMs !== null ? { pingIntervalMs: state.pingIntervalMs } : {}),
    // Issue 11: recording is the default; only "off" is sent.
    ...(state.recordSessions === false ? { record: false } : {})
  }
}
