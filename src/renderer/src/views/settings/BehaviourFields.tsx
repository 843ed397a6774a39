import { useId } from 'react'
import { AuthMethodSchema, type AuthMethod } from '../../../../shared/api/frame-record'
import type { SubprotocolStyle } from '../../stores/connect-options-slice'
import type { DraftField, EnvironmentDraft } from '../../stores/environment-editor-draft'
import { useAppStore } from '../../stores/use-app-store'
import { Field } from './Field'
import type { EditedEnvironment } from './use-environment-draft'

const AUTH_HINTS: Record<AuthMethod, string> = {
  subprotocol: 'Token offered in Sec-WebSocket-Protocol',
  header: 'Authorization: Bearer header on the upgrade',
  ticket: 'Single-use ticket from the HTTP base, sent as ?ticket=',
  query: 'Token as ?token= in the URL (older servers)',
  none: 'No token: the server should refuse'
}

/** A whole number of something, typed as text so nothing half-typed is coerced. */
function NumberField({
  edited,
  field,
  label,
  unit,
  testId
}: {
  edited: EditedEnvironment
  field: DraftField
  label: string
  unit?: string
  testId: string
}) {
  const change = useAppStore((state) => state.changeEnvironmentDraft)
  return (
    <Field label={label} problem={edited.problems[field]}>
      {({ id, describedBy, invalid }) => (
        <span className="input-with-unit">
          <input
            id={id}
            className="input mono"
            inputMode="numeric"
            data-testid={testId}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            value={edited.draft[field] as string}
            onChange={(event) => change({ [field]: event.target.value } as Partial<EnvironmentDraft>)}
          />
          {unit ? <span className="input-unit">{unit}</span> : null}
        </span>
      )}
    </Field>
  )
}

/** How sessions against the environment behave: auth, subprotocol offer, retries, SLA thresholds, expected generation. */
export function BehaviourFields({ edited }: { edited: EditedEnvironment }) {
  const change = useAppStore((state) => state.changeEnvironmentDraft)
  const generations = useAppStore((state) => state.sandboxCatalog?.generations)
  const listId = useId()
  const { draft, problems } = edited

  return (
    <>
      <Field label="Auth method" hint={AUTH_HINTS[draft.authMethod]}>
        {({ id, describedBy }) => (
          <select
            id={id}
            className="select"
            data-testid="env-auth-method"
            aria-describedby={describedBy}
            value={draft.authMethod}
            onChange={(event) => change({ authMethod: event.target.value as AuthMethod })}
          >
            {AuthMethodSchema.options.map((method) => (
              <option key={method} value={method}>
                {method}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label="Subprotocol offer"
        hint={
          draft.authMethod === 'subprotocol'
            ? 'Older servers expect the jwt-auth pair'
            : 'Only used with subprotocol auth'
        }
      >
        {({ id, describedBy }) => (
          <select
            id={id}
            className="select"
            data-testid="env-subprotocol-style"
            aria-describedby={describedBy}
            value={draft.subprotocolStyle}
            onChange={(event) => change({ subprotocolStyle: event.target.value as SubprotocolStyle })}
          >
            <option value="jwt">jwt.&lt;token&gt;</option>
            <option value="jwt-auth-legacy">jwt-auth + jwt.&lt;token&gt; (older)</option>
          </select>
        )}
      </Field>

      <Field
        label="Expected server generation"
        problem={problems.expectedGeneration}
        hint="e.g. beta-17; the diagnosis warns when the wire shows another. Empty: any"
      >
        {({ id, describedBy, invalid }) => (
          <>
            <input
              id={id}
              className="input mono"
              data-testid="env-expected-generation"
              list={listId}
              placeholder="any"
              spellCheck={false}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              value={draft.expectedGeneration}
              onChange={(event) => change({ expectedGeneration: event.target.value })}
            />
            <datalist id={listId}>
              {generations?.map((generation) => (
                <option key={generation.id} value={generation.id}>
                  {generation.title}
                </option>
              ))}
            </datalist>
          </>
        )}
      </Field>

      <h3 className="field-label settings-group-title">Retries</h3>
      <NumberField
        edited={edited}
        field="attempts"
        label="Attempts in all (1 = no retry)"
        testId="env-retry-attempts"
      />
      <NumberField edited={edited} field="delayMs" label="Pause between" unit="ms" testId="env-retry-delay" />

      <h3 className="field-label settings-group-title">SLA thresholds</h3>
      <div className="settings-triple wide">
        <NumberField
          edited={edited}
          field="dataProcessingMs"
          label="Data processing"
          unit="ms"
          testId="env-sla-data"
        />
        <NumberField
          edited={edited}
          field="reportAfterDataMs"
          label="Report after data"
          unit="ms"
          testId="env-sla-report"
        />
        <NumberField
          edited={edited}
          field="fullAnswerMs"
          label="Full answer"
          unit="ms"
          testId="env-sla-full"
        />
      </div>
    </>
  )
}
