import { foreignHosts } from '../../../shared/environments'
import type { AppState } from './app-state'

/** A credential about to go to hosts that are not its environment's: what the confirmation dialog names. */
export type ForeignHostPrompt = {
  /** `<environment>/<label>`, as the keychain and the CLI name it. */
  credential: string
  /** The foreign hosts, as shown (sorted). */
  hosts: string[]
}

/**
 * Would the next connect send the picked credential to a host outside its environment? The same rule
 * as the backend's (shared), so the UI can ask before connecting; the backend still decides, and
 * refuses unless the request carries the confirmation for exactly these hosts.
 */
export function foreignHostPrompt(
  state: Pick<AppState, 'environments' | 'selectedEnvironmentId' | 'credentialId' | 'credentials' | 'authMethod'>
): ForeignHostPrompt | null {
  const credential = state.credentials.find((entry) => entry.id === state.credentialId)
  const target = state.environments.find((env) => env.id === state.selectedEnvironmentId)
  if (!credential || !target?.wsUrl) return null
  const own = state.environments.find((env) => env.id === credential.environmentId) ?? null
  const hosts = foreignHosts(own, { wsUrl: target.wsUrl, httpBase: target.httpBase }, state.authMethod ?? target.authMethod)
  return hosts.length ? { credential: `${credential.environmentId}/${credential.label}`, hosts } : null
}
