import { join } from 'node:path'
import { z } from 'zod'
import { ContractError, type Environment } from '../../shared/api/contract'
import {
  EnvironmentIdSchema,
  RetryPolicySchema,
  SlaThresholdsSchema,
  SubprotocolStyleSchema,
  UserEnvironmentKindSchema,
  type EnvironmentInput
} from '../../shared/api/environment-schemas'
import { AuthMethodSchema } from '../../shared/api/frame-record'
import { classifyUrl } from '../../shared/environments/classify-url'
import { DEFAULT_SLA, withEnvironmentDefaults } from '../../shared/environments/environment-defaults'
import { builtInEnvironments } from '../backend/built-in-environments'
import { readJsonFile, writeJsonAtomic } from './json-file'

/** File name of the environment settings inside the data folder. */
export const ENVIRONMENTS_FILE = 'environments.json'

// The file is read leniently (URLs as plain strings, unknown keys kept) so a hand edit or a newer
// version's extra field never makes the whole file "corrupt"; requests are validated strictly instead.
const StoredFields = {
  name: z.string(),
  wsUrl: z.string(),
  httpBase: z.string().nullable(),
  authBase: z.string().nullable(),
  authMethod: AuthMethodSchema,
  subprotocolStyle: SubprotocolStyleSchema,
  retries: RetryPolicySchema,
  sla: SlaThresholdsSchema,
  expectedGeneration: z.string().nullable()
}
const StoredEnvironmentSchema = z.object({ id: EnvironmentIdSchema, kind: UserEnvironmentKindSchema, ...StoredFields }).loose()
const OverrideSchema = z.object(StoredFields).partial().extend({ sla: SlaThresholdsSchema.partial().optional() }).loose()
const FileSchema = z
  .object({
    version: z.literal(1),
    custom: z.array(StoredEnvironmentSchema),
    overrides: z.record(z.string(), OverrideSchema)
  })
  .loose()

type StoredEnvironment = z.infer<typeof StoredEnvironmentSchema>
type Override = z.infer<typeof OverrideSchema>
type EnvironmentsFile = z.infer<typeof FileSchema>

const emptyFile = (): EnvironmentsFile => ({ version: 1, custom: [], overrides: {} })

/** Copy only the fields an input actually sets (an explicit null clears a URL). */
function definedFields(input: EnvironmentInput): Override {
  const { id: _id, kind: _kind, ...fields } = input
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Override
}

/** A built-in with the user's override applied; only known fields are taken from the file. */
function applyOverride(builtIn: Environment, override: Override | undefined): Environment {
  if (!override) return builtIn
  const pick = <K extends keyof Override>(key: K, fallback: NonNullable<Environment[K & keyof Environment]> | null) =>
    (override[key] !== undefined ? override[key] : fallback) as never
  return {
    ...builtIn,
    name: pick('name', builtIn.name),
    wsUrl: builtIn.kind === 'sandbox' ? builtIn.wsUrl : pick('wsUrl', builtIn.wsUrl),
    httpBase: builtIn.kind === 'sandbox' ? builtIn.httpBase : pick('httpBase', builtIn.httpBase),
    authBase: builtIn.kind === 'sandbox' ? builtIn.authBase : pick('authBase', builtIn.authBase),
    authMethod: pick('authMethod', builtIn.authMethod),
    subprotocolStyle: pick('subprotocolStyle', builtIn.subprotocolStyle),
    retries: pick('retries', builtIn.retries),
    sla: { ...builtIn.sla, ...override.sla },
    expectedGeneration: pick('expectedGeneration', builtIn.expectedGeneration),
    customized: true
  }
}

function toEnvironment(stored: StoredEnvironment): Environment {
  const { id, name, kind, wsUrl, httpBase, authBase, authMethod, subprotocolStyle, retries, sla, expectedGeneration } = stored
  return { id, name, kind, wsUrl, httpBase, authBase, authMethod, subprotocolStyle, retries, sla, expectedGeneration, builtIn: false, customized: false }
}

/** The HTTP origin that usually serves a WebSocket URL's API (`wss://h/ws` → `https://h`). */
function httpBaseOf(wsUrl: string): string {
  const url = new URL(wsUrl)
  return `${url.protocol === 'wss:' ? 'https:' : 'http:'}//${url.host}`
}

function slug(name: string): string {
  const base = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40)
  return base || 'environment'
}

/**
 * The environments the user sees: the built-ins (with the user's overrides) and custom ones,
 * persisted in `<dataDir>/environments.json`. The file is re-read on every call, so the app, the
 * CLI and the web host see each other's changes; every write is atomic. Without a data folder
 * (tests, one-off probes) the settings live in memory only.
 */
export class EnvironmentStore {
  private memory = emptyFile()
  private problem: string | null = null

  constructor(private readonly dataDir: string | null) {}

  /** The settings file, or null when settings live in memory. */
  get file(): string | null {
    return this.dataDir === null ? null : join(this.dataDir, ENVIRONMENTS_FILE)
  }

  /** Why the settings file could not be used in this run, if it could not. */
  get loadError(): string | undefined {
    return this.problem ?? undefined
  }

  private read(): EnvironmentsFile {
    const file = this.file
    if (file === null) return this.memory
    const { value, problem } = readJsonFile(file, FileSchema, emptyFile)
    // Keep the first problem for the run: the file was moved aside, so later reads look clean.
    if (problem) this.problem = problem
    return value
  }

  private write(data: EnvironmentsFile): void {
    const file = this.file
    if (file === null) this.memory = data
    else writeJsonAtomic(file, data)
  }

  /** Every environment: built-ins first (sandbox, local, staging, production), then custom ones by name. */
  list(): Environment[] {
    const data = this.read()
    const builtIns = builtInEnvironments().map((environment) => applyOverride(environment, data.overrides[environment.id]))
    const custom = data.custom.map(toEnvironment).sort((a, b) => a.name.localeCompare(b.name))
    return [...builtIns, ...custom]
  }

  /** Create or update an environment (see EnvironmentInputSchema); returns it as it now is. */
  save(input: EnvironmentInput): Environment {
    const data = this.read()
    const builtIn = builtInEnvironments().find((environment) => environment.id === input.id)
    if (builtIn) return this.saveBuiltIn(data, builtIn, input)
    const index = data.custom.findIndex((environment) => environment.id === input.id)
    const stored = index >= 0 ? this.updated(data.custom[index], input) : this.created(data, input)
    if (index >= 0) data.custom[index] = stored
    else data.custom.push(stored)
    this.write(data)
    return toEnvironment(stored)
  }

  private saveBuiltIn(data: EnvironmentsFile, builtIn: Environment, input: EnvironmentInput): Environment {
    if (input.kind !== undefined && input.kind !== builtIn.kind)
      throw new ContractError('invalid-request', `built-in environment "${builtIn.id}" is always ${builtIn.kind}; create a custom environment instead`)
    const fields = definedFields(input)
    if (builtIn.kind === 'sandbox' && (fields.wsUrl !== undefined || fields.httpBase !== undefined || fields.authBase !== undefined))
      throw new ContractError('invalid-request', "the sandbox's URLs are picked when it starts and cannot be edited")
    const previous = data.overrides[builtIn.id] ?? {}
    const sla = { ...previous.sla, ...fields.sla }
    data.overrides[builtIn.id] = { ...previous, ...fields, ...(Object.keys(sla).length ? { sla } : {}) }
    this.write(data)
    return applyOverride(builtIn, data.overrides[builtIn.id])
  }

  private created(data: EnvironmentsFile, input: EnvironmentInput): StoredEnvironment {
    if (input.name === undefined || input.wsUrl === undefined)
      throw new ContractError('invalid-request', 'a new environment needs at least a name and a wsUrl')
    const taken = new Set([...builtInEnvironments().map((environment) => environment.id), ...data.custom.map((environment) => environment.id)])
    let id = input.id ?? slug(input.name)
    for (let n = 2; input.id === undefined && taken.has(id); n++) id = `${slug(input.name)}-${n}`
    const kind = input.kind ?? classifyUrl(input.wsUrl).kind
    const base = withEnvironmentDefaults({ kind })
    return {
      id,
      kind,
      name: input.name,
      wsUrl: input.wsUrl,
      httpBase: input.httpBase !== undefined ? input.httpBase : httpBaseOf(input.wsUrl),
      authBase: input.authBase ?? null,
      authMethod: input.authMethod ?? 'subprotocol',
      subprotocolStyle: input.subprotocolStyle ?? base.subprotocolStyle,
      retries: input.retries ?? base.retries,
      sla: { ...DEFAULT_SLA, ...input.sla },
      expectedGeneration: input.expectedGeneration ?? null
    }
  }

  private updated(current: StoredEnvironment, input: EnvironmentInput): StoredEnvironment {
    const fields = definedFields(input)
    // The kind follows a new URL unless the user names it.
    const kind = input.kind ?? (fields.wsUrl !== undefined && fields.wsUrl !== current.wsUrl ? classifyUrl(fields.wsUrl).kind : current.kind)
    return { ...current, ...fields, kind, sla: { ...current.sla, ...fields.sla } } as StoredEnvironment
  }

  /** Remove a custom environment. */
  remove(id: string): void {
    if (builtInEnvironments().some((environment) => environment.id === id))
      throw new ContractError('invalid-request', `"${id}" is a built-in environment: it cannot be removed (environments.reset restores its settings)`)
    const data = this.read()
    const index = data.custom.findIndex((environment) => environment.id === id)
    if (index < 0) throw new ContractError('not-found', `no environment with id ${id}`)
    data.custom.splice(index, 1)
    this.write(data)
  }

  /** Drop the user's changes to a built-in environment. */
  reset(id: string): Environment {
    const builtIn = builtInEnvironments().find((environment) => environment.id === id)
    if (!builtIn) throw new ContractError('invalid-request', `"${id}" is not a built-in environment; only built-ins can be reset`)
    const data = this.read()
    if (id in data.overrides) {
      delete data.overrides[id]
      this.write(data)
    }
    return builtIn
  }
}
