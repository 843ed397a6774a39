import { classifyUrl } from '../../../../shared/environments/classify-url'

/**
 * What a URL looks like (local, staging, production or custom), classified from its host as it is
 * typed: the same rules as the backend and the CLI, so the badge never disagrees with them.
 */
export function UrlKindBadge({ url }: { url: string }) {
  const classification = classifyUrl(url)
  if (!classification.host) return null
  return (
    <span
      className={`kind-badge kind-${classification.kind} url-kind-badge`}
      data-testid="url-kind-badge"
      data-kind={classification.kind}
      title={classification.note}
    >
      {classification.knownHost ? '✓ ' : ''}
      {classification.kind}
    </span>
  )
}
