import { Command, Option } from 'commander'
import { defaultDataDir } from '../../main/settings/default-data-dir'
import { ContractError, dispatch, type ContractBackend, type Environment, type MethodName, type MethodRequest, type MethodResponse } from '../../shared/api/contract'
import { SubprotocolStyleSchema, UserEnvironmentKindSchema, type EnvironmentInput } from '../../shared/api/environment-schemas'
import { AuthMethodSchema } from '../../shared/api/frame-record'
import { terminalStyle } from '../terminal-style'
import { UsageError } from '../usage-error'

type FieldFlags = {
  id?: string
  name?: string
  kind?: string
  wsUrl?: string
  httpBase?: string
  authBase?: string
  authMethod?: string
  subprotocolStyle?: string
  retries?: string
  retryDelay?: string
  slaData?: string
  slaReport?: string
  slaAnswer?: string
  expectedGeneration?: string
}

/** Call a contract method the way every host does (validated); bad input becomes a usage error (exit 2). */
async function call<M extends MethodName>(backend: ContractBackend, method: M, request: MethodRequest<M>): Promise<MethodResponse<M>> {
  try {
    return (await dispatch(backend.handlers, method, request)) as MethodResponse<M>
  } catch (error) {
    if (error instanceof ContractError && (error.code === 'invalid-request' || error.code === 'not-found')) throw new UsageError(error.message.replace(/^[\w.-]+: /, ''))
    throw error
  }
}

async function withBackend<T>(run: (backend: ContractBackend) => Promise<T>): Promise<T> {
  // Loaded when the command runs, not when the CLI starts: `--help` and the other commands do not need the backend.
  const { createBackend } = await import('../../main/backend/create-backend')
  const backend = createBackend({ host: 'cli', dataDir: defaultDataDir() })
  try {
    return await run(backend)
  } finally {
    await backend.dispose()
  }
}

function integer(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} must be a whole number, got "${value}"`)
  return Number(value)
}

const orNull = (value: string | undefined): string | null | undefined => (value === undefined ? undefined : value === 'none' ? null : value)

/** Turn flags into an `environments.save` request; `current` supplies the half of retries not given. */
function inputFrom(flags: FieldFlags, current: Environment | undefined): EnvironmentInput {
  const attempts = integer('--retries', flags.retries)
  const delayMs = integer('--retry-delay', flags.retryDelay)
  const sla = {
    dataProcessingMs: integer('--sla-data', flags.slaData),
    reportAfterDataMs: integer('--sla-report', flags.slaReport),
    fullAnswerMs: integer('--sla-answer', flags.slaAnswer)
  }
  const definedSla = Object.fromEntries(Object.entries(sla).filter(([, value]) => value !== undefined))
  const input: Record<string, unknown> = {
    id: flags.id,
    name: flags.name,
    kind: flags.kind,
    wsUrl: flags.wsUrl,
    httpBase: orNull(flags.httpBase),
    authBase: orNull(flags.authBase),
    authMethod: flags.authMethod,
    subprotocolStyle: flags.subprotocolStyle,
    retries:
      attempts === undefined && delayMs === undefined
        ? undefined
        : { attempts: attempts ?? current?.retries.attempts ?? 1, delayMs: delayMs ?? current?.retries.delayMs ?? 1000 },
    sla: Object.keys(definedSla).length ? definedSla : undefined,
    expectedGeneration: orNull(flags.expectedGeneration)
  }
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as EnvironmentInput
}

function fieldOptions(command: Command): Command {
  return command
    .option('--name <name>', 'display name')
    .addOption(new Option('--kind <kind>', 'environment kind (default: detected from --ws-url)').choices(UserEnvironmentKindSchema.options))
    .option('--ws-url <url>', 'WebSocket URL (ws:// or wss://)')
    .option('--http-base <url>', 'HTTP API base URL ("none" to clear; default: derived from --ws-url)')
    .option('--auth-base <url>', 'auth service base URL ("none" to clear)')
    .addOption(new Option('--auth-method <method>', 'how the token is presented').choices(AuthMethodSchema.options))
    .addOption(new Option('--subprotocol-style <style>', 'subprotocol offer style').choices(SubprotocolStyleSchema.options))
    .option('--retries <n>', 'connection attempts in all (1 = no retry)')
    .option('--retry-delay <ms>', 'pause between attempts')
    .option('--sla-data <ms>', 'SLA: data processing threshold')
    .option('--sla-report <ms>', 'SLA: report delivery after data threshold')
    .option('--sla-answer <ms>', 'SLA: full answer threshold')
    .option('--expected-generation <id>', 'server generation the environment should run ("none" to clear)')
}

function describe(environment: Environment): string[] {
  const { sla, retries } = environment
  const flags = [environment.builtIn ? 'built-in' : 'custom', ...(environment.customized ? ['customized'] : [])]
  return [
    `${environment.id}  ${environment.name}  [${environment.kind}; ${flags.join(', ')}]`,
    `    ws ${environment.wsUrl ?? '(picked when the sandbox starts)'}  http ${environment.httpBase ?? '-'}  auth ${environment.authBase ?? '-'}`,
    `    auth method ${environment.authMethod} (${environment.subprotocolStyle})  retries ${retries.attempts}×${retries.delayMs} ms  SLA ${sla.dataProcessingMs}/${sla.reportAfterDataMs}/${sla.fullAnswerMs} ms${environment.expectedGeneration ? `  generation ${environment.expectedGeneration}` : ''}`
  ]
}

/** `netra-diag env`: list, add, edit, reset, remove and classify environments (the same file the app uses). */
export function envCommand(): Command {
  const env = new Command('env').description(`manage environments (stored in ${defaultDataDir()}/environments.json, shared with the app)`)

  env
    .command('list')
    .description('list every environment')
    .option('--json', 'print one JSON object')
    .action(async (flags: { json?: boolean }) => {
      const result = await withBackend((backend) => call(backend, 'environments.list', {}))
      if (result.loadError) process.stderr.write(`netra-diag: warning: ${result.loadError}\n`)
      if (flags.json) process.stdout.write(`${JSON.stringify(result)}\n`)
      else process.stdout.write(`${result.environments.flatMap(describe).join('\n')}\n`)
    })

  fieldOptions(env.command('add').description('add a custom environment (needs --name and --ws-url)'))
    .option('--id <id>', 'id (default: derived from the name)')
    .action(async (flags: FieldFlags) => {
      if (!flags.name || !flags.wsUrl) throw new UsageError('env add needs --name and --ws-url')
      const { environment } = await withBackend((backend) => call(backend, 'environments.save', inputFrom(flags, undefined)))
      process.stdout.write(`added ${environment.id} (${environment.kind})\n`)
    })

  fieldOptions(env.command('edit').description('change fields of an environment (built-ins too)').argument('<id>', 'environment id'))
    .action(async (id: string, flags: FieldFlags) => {
      await withBackend(async (backend) => {
        const current = (await call(backend, 'environments.list', {})).environments.find((candidate) => candidate.id === id)
        if (!current) throw new UsageError(`unknown environment "${id}"; list them with: netra-diag env list`)
        const input = inputFrom(flags, current)
        if (Object.keys(input).length === 0) throw new UsageError('env edit: give at least one field to change (see --help)')
        const { environment } = await call(backend, 'environments.save', { ...input, id })
        process.stdout.write(`${describe(environment).join('\n')}\n`)
      })
    })

  env
    .command('reset')
    .description("restore a built-in environment's settings")
    .argument('<id>', 'built-in environment id')
    .action(async (id: string) => {
      await withBackend((backend) => call(backend, 'environments.reset', { id }))
      process.stdout.write(`reset ${id}\n`)
    })

  env
    .command('remove')
    .description('remove a custom environment')
    .argument('<id>', 'environment id')
    .action(async (id: string) => {
      await withBackend((backend) => call(backend, 'environments.remove', { id }))
      process.stdout.write(`removed ${id}\n`)
    })

  env
    .command('classify')
    .description('tell which environment a URL points at (local, staging, production, custom)')
    .argument('<url>', 'a WebSocket or HTTP URL, or a host')
    .option('--json', 'print one JSON object')
    .action(async (url: string, flags: { json?: boolean }) => {
      const result = await withBackend((backend) => call(backend, 'environments.classify', { url }))
      const style = terminalStyle(process.stdout)
      process.stdout.write(flags.json ? `${JSON.stringify(result)}\n` : `${style.bold(result.kind)}  ${result.host ?? '-'}  ${style.dim(result.note)}\n`)
    })

  for (const command of env.commands) command.exitOverride()
  return env
}
