import { ContractError, type Environment } from '../../shared/api/contract'
import type { CredentialInfo } from '../../shared/api/credential-schemas'
import type { AuthMethod } from '../../shared/api/frame-record'
import { boundHosts, confirmsForeignHosts, foreignHostConfirmation, foreignHosts } from '../../shared/environments'

/** What a session would do with a stored credential. */
export type CredentialUse = {
  credential: CredentialInfo
  /** The credential's own environment (null when it was removed: then no host is its own). */
  credentialEnvironment: Environment | null
  target: { wsUrl: string; httpBase: string | null }
  authMethod: AuthMethod
  /** The per-use confirmation from the request (`session.connect`'s `allowForeignHost`). */
  allowForeignHost?: string
}

const quoted = (hosts: readonly string[]): string => hosts.map((host) => `"${host}"`).join(' and ')

/**
 * Refuse to send a stored credential to a host that is not one of its environment's, unless this very
 * use confirms exactly that host. Runs before the secret is read and before any network work, so a
 * refusal sends nothing anywhere.
 */
export function checkCredentialHost(use: CredentialUse): void {
  const foreign = foreignHosts(use.credentialEnvironment, use.target, use.authMethod)
  if (confirmsForeignHosts(use.allowForeignHost, foreign)) return
  const { credential, credentialEnvironment } = use
  const own = boundHosts(credentialEnvironment)
  const owner = credentialEnvironment
    ? `environment ${credentialEnvironment.name}${own.length ? ` (${own.join(', ')})` : ' (which has no URL yet)'}`
    : `environment "${credential.environmentId}", which no longer exists`
  const confirmation = foreignHostConfirmation(foreign)
  const stale = use.allowForeignHost ? ` The confirmation given was for "${use.allowForeignHost}", not for this host.` : ''
  throw new ContractError(
    'foreign-host',
    `The credential "${credential.environmentId}/${credential.label}" belongs to ${owner} and would be sent to ${quoted(foreign)}; nothing was sent.${stale} ` +
      `To send it there anyway, confirm this use for that host (allowForeignHost "${confirmation}", or --allow-foreign-host ${confirmation} on the command line), or pick a credential of that host's environment.`
  )
}
