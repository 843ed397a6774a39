import { classifyUrl } from '../../../../shared/environments/classify-url'
import type { EnvironmentDraft } from '../../stores/environment-editor-draft'
import { useAppStore } from '../../stores/use-app-store'
import { Field } from './Field'
import { UrlKindBadge } from './UrlKindBadge'
import type { EditedEnvironment } from './use-environment-draft'

const USER_KINDS = ['local', 'staging', 'production', 'custom'] as const

/** The sandbox's URLs are picked when it starts: shown, not edited. */
function SandboxUrls({ draft }: { draft: EnvironmentDraft }) {
  const rows: [string, string][] = [
    ['WebSocket', draft.wsUrl],
    ['HTTP', draft.httpBase],
    ['Auth service', draft.authBase]
  ]
  return (
    <div className="settings-field wide">
      <span className="field-label">URLs</span>
      <dl className="kv settings-kv" data-testid="sandbox-urls">
        {rows.map(([name, value]) => (
          <div key={name} className="kv-row">
            <dt>{name}</dt>
            <dd className="mono wrap">
              {value || <span className="muted">picked when the sandbox starts</span>}
            </dd>
          </div>
        ))}
      </dl>
      <div className="field-hint">
        The embedded sandbox picks free ports on 127.0.0.1 each time it starts.
      </div>
    </div>
  )
}

/** Where the environment lives: its WebSocket URL (with the live kind badge), HTTP base, auth service and kind. */
export function UrlFields({ edited }: { edited: EditedEnvironment }) {
  const change = useAppStore((state) => state.changeEnvironmentDraft)
  const { draft, problems, saved, isNew } = edited
  // A new form does not shout about fields nobody has filled in yet.
  const shown = (field: 'wsUrl' | 'httpBase' | 'authBase' | 'kind'): string | undefined =>
    isNew && field === 'wsUrl' && !draft.wsUrl.trim() ? undefined : problems[field]

  if (draft.kind === 'sandbox') return <SandboxUrls draft={draft} />
  const classified = classifyUrl(draft.wsUrl)
  const set = (field: keyof EnvironmentDraft) => (event: { target: { value: string } }) =>
    change({ [field]: event.target.value })
  // The three URL inputs differ only in field, test id and placeholder.
  const urlInput =
    (testId: string, placeholder: string, field: 'wsUrl' | 'httpBase' | 'authBase') =>
    ({ id, describedBy, invalid }: { id: string; describedBy: string | undefined; invalid: boolean }) => (
      <input
        id={id}
        className="input mono"
        data-testid={testId}
        spellCheck={false}
        placeholder={placeholder}
        aria-describedby={describedBy}
        aria-invalid={invalid}
        value={draft[field]}
        onChange={set(field)}
      />
    )

  return (
    <>
      <Field
        wide
        label={
          <>
            WebSocket URL <UrlKindBadge url={draft.wsUrl} />
          </>
        }
        problem={shown('wsUrl')}
        hint={classified.host ? classified.note : undefined}
      >
        {urlInput('env-ws-url', 'wss://host/ws', 'wsUrl')}
      </Field>
      <Field wide label="HTTP base" problem={problems.httpBase} hint="Health checks and the ticket endpoint">
        {urlInput('env-http-base', 'https://host', 'httpBase')}
      </Field>
      <Field wide label="Auth service" problem={problems.authBase} hint="Where E2E tokens are minted">
        {urlInput('env-auth-base', 'https://auth.host', 'authBase')}
      </Field>
      {saved?.builtIn ? null : (
        <Field
          label="Kind"
          problem={problems.kind}
          hint={
            !draft.kindAuto && classified.host && classified.kind !== draft.kind
              ? `The URL looks like ${classified.kind}.`
              : 'Decides which tokens fit (a staging token is refused by production).'
          }
        >
          {({ id, describedBy }) => (
            <select
              id={id}
              className="select"
              data-testid="env-kind-select"
              aria-describedby={describedBy}
              value={draft.kindAuto ? 'auto' : draft.kind}
              onChange={(event) =>
                event.target.value === 'auto'
                  ? change({ kindAuto: true })
                  : change({ kind: event.target.value as EnvironmentDraft['kind'] })
              }
            >
              <option value="auto">detect from URL ({classified.kind})</option>
              {USER_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {kind}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
    </>
  )
}
