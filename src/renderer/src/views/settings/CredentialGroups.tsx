import { useMemo } from 'react'
import type { Environment } from '../../../../shared/api/contract'
import type { CredentialInfo } from '../../../../shared/api/credential-schemas'
import { EmptyState } from '../../components/EmptyState'
import { KindBadge } from '../../components/KindBadge'
import { useAppStore } from '../../stores/use-app-store'
import { CredentialRow } from './CredentialRow'
import { useNow } from './use-now'

type Group = { environmentId: string; environment: Environment | undefined; credentials: CredentialInfo[] }

/** Credentials under their environment, in the environments' order; ones whose environment is gone come last. */
function groupOf(credentials: CredentialInfo[], environments: Environment[]): Group[] {
  const groups = new Map<string, Group>()
  for (const environment of environments)
    groups.set(environment.id, { environmentId: environment.id, environment, credentials: [] })
  for (const credential of credentials) {
    const group = groups.get(credential.environmentId) ?? {
      environmentId: credential.environmentId,
      environment: undefined,
      credentials: []
    }
    group.credentials.push(credential)
    groups.set(credential.environmentId, group)
  }
  return [...groups.values()].filter((group) => group.credentials.length > 0)
}

/** Every credential, grouped by environment. */
export function CredentialGroups({ onMint }: { onMint: (keyId: string) => void }) {
  const credentials = useAppStore((state) => state.credentials)
  const environments = useAppStore((state) => state.environments)
  const now = useNow()
  const groups = useMemo(() => groupOf(credentials, environments), [credentials, environments])

  if (groups.length === 0) {
    return (
      <EmptyState title="No credentials yet">
        Add an access token to connect to staging or production as a customer would, or an E2E simulation key
        to mint test tokens.
      </EmptyState>
    )
  }
  return (
    <div className="credential-groups">
      {groups.map((group) => (
        <section
          key={group.environmentId}
          className="credential-group"
          data-testid="credential-group"
          data-environment-id={group.environmentId}
        >
          <h3 className="credential-group-title">
            <span className="ellipsis">{group.environment?.name ?? group.environmentId}</span>
            {group.environment ? (
              <KindBadge kind={group.environment.kind} />
            ) : (
              <span className="tag tag-warn">environment removed</span>
            )}
            <span className="muted credential-count">{group.credentials.length}</span>
          </h3>
          <ul className="credential-list">
            {group.credentials.map((credential) => (
              <CredentialRow
                key={credential.id}
                credential={credential}
                environment={group.environment}
                now={now}
                onMint={onMint}
              />
            ))}
          </ul>
        </section>
      ))}
    </div>
  )
}
