import { writeFileSync } from 'node:fs'
import { Command, Option } from 'commander'
import { defaultDataDir } from '../../main/settings/default-data-dir'
import { AuthMethodSchema, type AuthMethod } from '../../shared/api/frame-record'
import { classifyUrl } from '../../shared/environments'
import { DEFAULT_USER_MESSAGE } from '../../shared/protocol/client-messages'
import { EXIT } from '../exit-codes'
import { formatGate } from '../check/format-gate'
import { gateJunit } from '../check/gate-junit'
import { k6Script } from '../check/k6-script'
import { checkFaults, collect } from '../sandbox-flags'
import { terminalStyle } from '../terminal-style'
import { UsageError } from '../usage-error'

type CheckFlags = {
  env?: string
  url?: string
  users: string
  junit?: string
  json?: boolean
  timeout: string
  message: string
  k6?: string
  credential: string[]
  fault: string[]
  auth?: string
  tokenEnv: string
}

/** The most users one gate opens at once: enough for isolation, few enough for one machine. */
export const MAX_GATE_USERS = 50

/** Every flag checked before any network work, so a usage error never costs a connection. */
function parseFlags(flags: CheckFlags): { users: number; timeoutMs: number; authMethod: AuthMethod | undefined } {
  if (Boolean(flags.env) === Boolean(flags.url)) throw new UsageError('give exactly one of --env NAME or --url WS_URL')
  const users = Number(flags.users)
  if (!Number.isInteger(users) || users < 1 || users > MAX_GATE_USERS) throw new UsageError(`--users must be an integer from 1 to ${MAX_GATE_USERS}, got "${flags.users}"`)
  const seconds = Number(flags.timeout)
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) throw new UsageError(`--timeout must be a number of seconds between 0 and 3600, got "${flags.timeout}"`)
  checkFaults(flags.fault)
  if (flags.fault.length && flags.env !== 'sandbox') throw new UsageError('--fault applies to the embedded sandbox only (--env sandbox)')
  if (flags.credential.length && flags.credential.length !== users)
    throw new UsageError(`give one --credential per user: --users ${users} needs ${users}, got ${flags.credential.length}`)
  if (users > 1 && flags.env !== 'sandbox' && flags.credential.length !== users && !flags.k6)
    throw new UsageError(`--users ${users} outside the sandbox needs ${users} distinct users: give one --credential ID per user`)
  const authMethod = flags.auth === undefined ? undefined : AuthMethodSchema.safeParse(flags.auth).data
  if (flags.auth !== undefined && !authMethod) throw new UsageError(`--auth must be one of ${AuthMethodSchema.options.join(', ')}`)
  return { users, timeoutMs: seconds * 1000, authMethod }
}

/** `netra-diag check golden-path`: the QA gate for CI. */
export function checkCommand(): Command {
  const goldenPath = new Command('golden-path')
    .description('connect N users at once, send, and check every run: critical events, pipeline order, service levels, output, isolation')
    .option('--env <name>', 'environment id: sandbox, local, staging, production, or one added with `netra-diag env add`')
    .option('--url <ws-url>', 'check this WebSocket URL with the settings of the built-in environment of its kind')
    .option('--users <n>', 'concurrent distinct users (2 or more adds the isolation check)', '1')
    .option('--junit <file>', 'also write the checks as JUnit XML (one test case per check and user)')
    .option('--json', 'print one JSON object instead of the report')
    .option('--timeout <seconds>', 'give up on runs after this many seconds', '60')
    .option('--message <text>', 'message every user sends', DEFAULT_USER_MESSAGE)
    .option('--k6 <file>', 'write the scenario as a k6 script instead of running it (no connection is made)')
    .addOption(new Option('--credential <id>', 'a stored credential per user (repeatable; outside the sandbox)').argParser(collect).default([]))
    .addOption(new Option('--fault <id>', 'sandbox only: inject a fault (repeatable)').argParser(collect).default([]))
    .option('--auth <method>', `how to present the token: ${AuthMethodSchema.options.join('|')} (default: the environment's)`)
    .option('--token-env <var>', 'environment variable holding the access token for one user (never pass a token on the command line)', 'NETRA_DIAG_TOKEN')
    .action(async (flags: CheckFlags) => {
      const { users, timeoutMs, authMethod } = parseFlags(flags)
      // Loaded when the command runs, not when the CLI starts: `--help` and the other commands do not need the backend.
      const [{ createBackend }, { runGate }] = await Promise.all([import('../../main/backend/create-backend'), import('../check/run-gate')])
      const backend = createBackend({
        host: 'cli',
        dataDir: defaultDataDir(),
        sandbox: { faults: flags.fault },
        resolveToken: async () => process.env[flags.tokenEnv] ?? null
      })
      try {
        const environmentId = flags.env ?? (['staging', 'production'].includes(classifyUrl(flags.url as string).kind) ? classifyUrl(flags.url as string).kind : 'local')
        const { environments } = await backend.handlers['environments.list']({})
        const environment = environments.find((candidate) => candidate.id === environmentId)
        if (!environment) throw new UsageError(`unknown environment "${environmentId}"; known: ${environments.map((e) => e.id).join(', ')}`)
        if (flags.k6) {
          writeFileSync(
            flags.k6,
            k6Script({
              // The sandbox's port is picked when it starts: point at `netra-diag sandbox --port 8000` (NETRA_WS_URL overrides).
              wsUrl: flags.url ?? environment.wsUrl ?? 'ws://127.0.0.1:8000/ws',
              httpBase: flags.url ? null : (environment.httpBase ?? (environment.kind === 'sandbox' ? 'http://127.0.0.1:8000' : null)),
              authMethod: authMethod ?? environment.authMethod,
              message: flags.message,
              users,
              timeoutMs,
              sla: environment.sla
            })
          )
          process.stderr.write(`wrote the k6 script to ${flags.k6} (run: NETRA_TOKEN=… k6 run ${flags.k6})\n`)
          process.exitCode = EXIT.ok
          return
        }
        const result = await runGate(backend, {
          environmentId,
          users,
          message: flags.message,
          timeoutMs,
          authMethod,
          target: flags.url ? { wsUrl: flags.url, httpBase: null, authBase: null } : undefined,
          credentialIds: flags.credential.length ? flags.credential : undefined
        })
        if (flags.junit) writeFileSync(flags.junit, gateJunit(result))
        process.stdout.write(flags.json ? `${JSON.stringify(result)}\n` : `${formatGate(result, terminalStyle(process.stdout))}\n`)
        process.exitCode = result.passed ? EXIT.ok : EXIT.failing
      } finally {
        await backend.dispose()
      }
    })
  return new Command('check').description('QA gates for CI (exit 0 all passed, 3 any failed, 2 usage error)').addCommand(goldenPath.exitOverride())
}
