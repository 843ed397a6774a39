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
  state: Pick<AppState, 'environments' | 'selectedEnvironmentId' | 'authMethod' | 'subprotocolStyle' | 'pingIntervalMs'>
): MethodRequest<'session.connect'> | null {
  const environment = state.environments.find((env) => env.id === state.selectedEnvironmentId)
  if (!state.selectedEnvironmentId) return null
  const effectiveAuth = state.authMethod ?? environment?.authMethod
  const style = state.subprotocolStyle ?? environment?.subprotocolStyle
  return {
    environmentId: state.selectedEnvironmentId,
    ...(state.authMethod ? { authMethod: state.authMethod } : {}),
    ...(effectiveAuth === 'subprotocol' && style ? { subprotocolStyle: style } : {}),
    ...(state.pingIntervalMs !== null ? { pingIntervalMs: state.pingIntervalMs } : {})
  }
}
