import type { EnvironmentKind } from '../../../shared/api/frame-record'

/** The environment kind as a small tag; production is loud on purpose. */
export function KindBadge({ kind }: { kind: EnvironmentKind }) {
  return (
    <span className={`kind-badge kind-${kind}`} data-testid="env-kind">
      {kind}
    </span>
  )
}
