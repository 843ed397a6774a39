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
  >
): MethodRequest<'session.connect'> | null {
  const environment = state.environments.find((env) => env.id === state.selectedEnvironmentId)
  if (!state.selectedEnvironmentId) return null
  const effectiveAuth = state.authMethod ?? environment?.authMethod
  const style = state.subprotocolStyle ?? environment?.subprotocolStyle
  // Only a credential that still exists and belongs to this environment: a stale pick would make the
  // backend refuse the whole connect instead of using the environment's default.
  const credentialId = state.credentials.some((entry) => entry.id === state.credentialId && entry.environmentId === state.selectedEnvironmentId)
    ? state.credentialId
    : null
  return {
    environmentId: state.selectedEnvironmentId,
    ...(state.authMethod ? { authMethod: state.authMethod } : {}),
    ...(effectiveAuth === 'subprotocol' && style ? { subprotocolStyle: style } : {}),
    ...(credentialId ? { credentialId } : {}),
    ...(state.pingIntervalMs !== null ? { pingIntervalMs: state.pingIntervalMs } : {})
  }
}
