import type { Environment } from '../../../shared/api/contract'
import { EnvironmentInputSchema, type EnvironmentInput } from '../../../shared/api/environment-schemas'
import type { AuthMethod, EnvironmentKind } from '../../../shared/api/frame-record'
import { DEFAULT_SLA, defaultRetries } from '../../../shared/environments'
import { classifyUrl } from '../../../shared/environments/classify-url'
import type { SubprotocolStyle } from './connect-options-slice'

/**
 * An environment as its editor holds it: every field as typed (numbers as text), so a half-typed
 * value is never coerced or lost. Converted to an `environments.save` request only on Save.
 */
export type EnvironmentDraft = {
  name: string
  kind: EnvironmentKind
  /** The kind follows the WebSocket URL's classification until the user picks one. */
  kindAuto: boolean
  wsUrl: string
  httpBase: string
  authBase: string
  authMethod: AuthMethod
  subprotocolStyle: SubprotocolStyle
  attempts: string
  delayMs: string
  dataProcessingMs: string
  reportAfterDataMs: string
  fullAnswerMs: string
  expectedGeneration: string
}

/** A draft field that can carry a problem. */
export type DraftField = Exclude<keyof EnvironmentDraft, 'kindAuto'>

/** Problems per field, in the words of the contract's schema. */
export type DraftProblems = Partial<Record<DraftField, string>>

/** Key of the draft of an environment not saved yet ("+" cannot start an environment id). */
export const NEW_ENVIRONMENT = '+new'

/** The editable form of a saved environment. */
export function draftOf(environment: Environment): EnvironmentDraft {
  return {
    name: environment.name,
    kind: environment.kind,
    // A custom environment whose kind matches its URL keeps following it; one set by hand stays put.
    kindAuto: !environment.builtIn && classifyUrl(environment.wsUrl ?? '').kind === environment.kind,
    wsUrl: environment.wsUrl ?? '',
    httpBase: environment.httpBase ?? '',
    authBase: environment.authBase ?? '',
    authMethod: environment.authMethod,
    subprotocolStyle: environment.subprotocolStyle,
    attempts: String(environment.retries.attempts),
    delayMs: String(environment.retries.delayMs),
    dataProcessingMs: String(environment.sla.dataProcessingMs),
    reportAfterDataMs: String(environment.sla.reportAfterDataMs),
    fullAnswerMs: String(environment.sla.fullAnswerMs),
    expectedGeneration: environment.expectedGeneration ?? ''
  }
}

/** The form of a new environment: custom, with the defaults the backend would pick. */
export function emptyDraft(): EnvironmentDraft {
  const retries = defaultRetries('custom')
  return {
    name: '',
    kind: 'custom',
    kindAuto: true,
    wsUrl: '',
    httpBase: '',
    authBase: '',
    authMethod: 'subprotocol',
    subprotocolStyle: 'jwt',
    attempts: String(retries.attempts),
    delayMs: String(retries.delayMs),
    dataProcessingMs: String(DEFAULT_SLA.dataProcessingMs),
    reportAfterDataMs: String(DEFAULT_SLA.reportAfterDataMs),
    fullAnswerMs: String(DEFAULT_SLA.fullAnswerMs),
    expectedGeneration: ''
  }
}

/** Do two drafts say the same thing? (A draft equal to the saved environment is no edit.) */
export function sameDraft(a: EnvironmentDraft, b: EnvironmentDraft): boolean {
  return (Object.keys(a) as (keyof EnvironmentDraft)[]).every((key) => a[key] === b[key])
}

const NUMBER_FIELDS = [
  'attempts',
  'delayMs',
  'dataProcessingMs',
  'reportAfterDataMs',
  'fullAnswerMs'
] as const

/** Text as a number for the request; text that is not a whole number becomes NaN and is reported by `draftProblems`. */
function numberOf(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN
}

const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim())

/**
 * The `environments.save` request for a draft. For a saved environment only what changed is sent
 * (so an untouched field of a built-in keeps following the app's defaults); a new one sends everything.
 */
export function inputOf(draft: EnvironmentDraft, saved: Environment | null): EnvironmentInput {
  const full: EnvironmentInput = {
    name: draft.name.trim(),
    ...(draft.kind !== 'sandbox' ? { kind: draft.kind } : {}),
    ...(draft.kind !== 'sandbox'
      ? { wsUrl: draft.wsUrl.trim(), httpBase: orNull(draft.httpBase), authBase: orNull(draft.authBase) }
      : {}),
    authMethod: draft.authMethod,
    subprotocolStyle: draft.subprotocolStyle,
    retries: { attempts: numberOf(draft.attempts), delayMs: numberOf(draft.delayMs) },
    sla: {
      dataProcessingMs: numberOf(draft.dataProcessingMs),
      reportAfterDataMs: numberOf(draft.reportAfterDataMs),
      fullAnswerMs: numberOf(draft.fullAnswerMs)
    },
    expectedGeneration: orNull(draft.expectedGeneration)
  }
  if (!saved) return full

  const before = inputOf(draftOf(saved), null)
  const input: EnvironmentInput = { id: saved.id }
  const changed = <K extends keyof EnvironmentInput>(key: K): boolean =>
    JSON.stringify(full[key]) !== JSON.stringify(before[key])
  for (const key of [
    'name',
    'wsUrl',
    'httpBase',
    'authBase',
    'authMethod',
    'subprotocolStyle',
    'retries',
    'expectedGeneration'
  ] as const)
    if (changed(key)) Object.assign(input, { [key]: full[key] })
  // Built-ins are always their own kind; the backend refuses any other.
  if (!saved.builtIn && changed('kind')) input.kind = full.kind
  const sla = Object.fromEntries(
    Object.entries(full.sla ?? {}).filter(
      ([key, value]) => before.sla?.[key as keyof typeof before.sla] !== value
    )
  )
  if (Object.keys(sla).length) input.sla = sla
  return input
}

/** Where a schema issue's path points in the draft. */
function fieldOf(path: readonly PropertyKey[]): DraftField | null {
  const [head, tail] = path
  if (head === 'retries') return tail === 'delayMs' ? 'delayMs' : 'attempts'
  if (head === 'sla')
    return typeof tail === 'string' && (NUMBER_FIELDS as readonly string[]).includes(tail)
      ? (tail as DraftField)
      : 'dataProcessingMs'
  return typeof head === 'string' && head in emptyDraft() ? (head as DraftField) : null
}

/**
 * What is wrong with a draft before it is sent, in the contract schema's own words (one set of
 * rules for the UI, the CLI and the backend), plus what only a new environment needs.
 */
export function draftProblems(draft: EnvironmentDraft, saved: Environment | null): DraftProblems {
  const problems: DraftProblems = {}
  for (const field of NUMBER_FIELDS)
    if (Number.isNaN(numberOf(draft[field]))) problems[field] = 'must be a whole number'
  if (!draft.name.trim()) problems.name = 'name is empty'
  if (draft.kind !== 'sandbox' && !draft.wsUrl.trim())
    problems.wsUrl = 'a WebSocket URL is required (ws:// or wss://)'
  const parsed = EnvironmentInputSchema.safeParse(inputOf(draft, saved))
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const field = fieldOf(issue.path)
      if (field && !problems[field]) problems[field] = issue.message
    }
  return problems
}
