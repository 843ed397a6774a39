import { Command, Option } from 'commander'
import { defaultDataDir } from '../../main/settings/default-data-dir'
import type { SandboxEventStyle, SandboxGeneration } from '../../main/sandbox'
import type { PreflightRunner } from '../../main/sessions/session-runner'
import { AuthMethodSchema } from '../../shared/api/frame-record'
import { classifyUrl, urlProblem } from '../../shared/environments'
import { DEFAULT_USER_MESSAGE } from '../../shared/protocol/client-messages'
import { exitForVerdict } from '../exit-codes'
import { deriveHttpBase } from '../probe/derive-http-base'
import { formatProbe } from '../probe/format-probe'
import type { ProbeRun } from '../probe/run-probe'
import { terminalStyle } from '../terminal-style'
import { EVENT_STYLE_HELP, checkEventStyle, checkFaults, checkGeneration, collect } from '../sandbox-flags'
import { UsageError } from '../usage-error'
import { checkOutputFile, replaceOutputFile } from '../files/output-file'
import type { ContractBackend } from '../../shared/api/contract'

type ProbeFlags = {
  env?: string
  url?: string
  httpBase?: string
  authBase?: string
  message: string
  timeout: string
  json?: boolean
  fault: string[]
  generation?: string
  eventStyle?: string
  auth?: string
  tokenEnv: string
  record?: string
  credential?: string
  allowForeignHost?: string
}

function parseTimeout(value: string): number {
  const seconds = Number(value)
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) throw new UsageError(`--timeout must be a number of seconds between 0 and 3600, got "${value}"`)
  return seconds * 1000
}

/** The built-in environment whose settings an ad-hoc URL borrows. */
function settingsFor(kind: string): string {
  return kind === 'staging' || kind === 'production' ? kind : 'local'
}

function checkSandboxFlags(flags: ProbeFlags): void {
  checkFaults(flags.fault)
  checkGeneration(flags.generation)
  checkEventStyle(flags.eventStyle)
  if ((flags.fault.length || flags.generation || flags.eventStyle) && flags.env !== 'sandbox')
    throw new UsageError('--fault, --generation and --event-style apply to the embedded sandbox only (--env sandbox)')
}

/**
 * Preflight within the probe's time budget: each check gets at most a quarter of the timeout
 * (and never more than the usual 5 s), so the checks can never eat the whole --timeout.
 */
function preflightWithin(timeoutMs: number, runPreflight: typeof import('../../main/preflight/run-preflight').runPreflight): PreflightRunner {
  const checkMs = Math.min(5000, Math.max(250, Math.round(timeoutMs / 4)))
  return (target, emit, signal) => runPreflight(target, emit, { timeoutMs: checkMs, signal })
}

function checkMessageFlags(flags: ProbeFlags): void {
  if (flags.message.trim() === '')
    throw new UsageError(`--message is empty. Give the text to send, for example --message "${DEFAULT_USER_MESSAGE}", or leave it out to send that.`)
  if (flags.allowForeignHost !== undefined && !flags.credential)
    throw new UsageError('--allow-foreign-host goes with --credential: it confirms sending that stored credential to a host outside its environment.')
}

/** The one-off URLs, checked before anything is printed or connected: a bad URL is said first, never after "connecting to …". */
function checkTargetUrls(flags: ProbeFlags): void {
  const checks: Array<[string, string | undefined, string[]]> = [
    ['--url: the WebSocket URL', flags.url, ['ws', 'wss']],
    ['--http-base: the HTTP base', flags.httpBase, ['http', 'https']],
    ['--auth-base: the auth service base', flags.authBase, ['http', 'https']]
  ]
  for (const [what, url, schemes] of checks) {
    const problem = url === undefined ? null : urlProblem(url, schemes)
    if (problem) throw new UsageError(`${what} ${problem}`)
  }
}

async function checkCredentialExists(backend: ContractBackend, id: string): Promise<void> {
  const { credentials } = await backend.handlers['credentials.list']({})
  if (!credentials.some((credential) => credential.id === id))
    throw new UsageError(`--credential ${id}: no stored credential has this id. List them with: netra-diag credentials list.`)
}

/** `netra-diag probe`: connect, send one message, wait for the run, report. */
export function probeCommand(): Command {
  return new Command('probe')
    .description('connect to an environment, send one message, wait for the run to finish and report what happened')
    .option('--env <name>', 'environment id: sandbox, local, staging, production, or one added with `netra-diag env add`')
    .option('--url <ws-url>', 'probe this WebSocket URL instead of a configured environment (its kind is classified from the host)')
    .option('--http-base <url>', 'with --url: the HTTP API base for the health endpoints (default: derived from --url, same host and port)')
    .option('--auth-base <url>', 'with --url: the auth service base (its own host; not checked unless given)')
    .option('--message <text>', 'message to send', DEFAULT_USER_MESSAGE)
    .option('--timeout <seconds>', 'bound the whole probe (preflight, retries, the run); the close then gets at most 2 s more', '60')
    .option('--json', 'print one JSON object instead of the report')
    .option('--credential <id>', 'use a stored credential (see: netra-diag credentials list) instead of --token-env')
    .option('--allow-foreign-host <host>', "with --credential: confirm sending it to this host, which is not one of its environment's")
    .option('--record <file>', 'also save the session as a recording (NDJSON) for export or replay')
    .addOption(
      new Option('--fault <id>', 'sandbox only: inject a fault (repeatable)').argParser(collect).default([])
    )
    .option('--generation <id>', 'sandbox only: server generation to imitate')
    .option('--event-style <style>', `sandbox only: ${EVENT_STYLE_HELP}`)
    .option('--auth <method>', `how to present the token: ${AuthMethodSchema.options.join('|')} (default: the environment's)`)
    .option('--token-env <var>', 'environment variable holding the access token (never pass a token on the command line)', 'NETRA_DIAG_TOKEN')
    .action(async (flags: ProbeFlags) => {
      const timeoutMs = parseTimeout(flags.timeout)
      if (Boolean(flags.env) === Boolean(flags.url)) throw new UsageError('give exactly one of --env NAME or --url WS_URL')
      if (!flags.url && (flags.httpBase || flags.authBase)) throw new UsageError('--http-base and --auth-base go with --url')
      checkTargetUrls(flags)
      checkSandboxFlags(flags)
      const authMethod = flags.auth === undefined ? undefined : AuthMethodSchema.safeParse(flags.auth).data
      if (flags.auth !== undefined && !authMethod) throw new UsageError(`--auth must be one of ${AuthMethodSchema.options.join(', ')}`)
      checkMessageFlags(flags)
      // Known before any network work: a path that cannot be written ends the probe here.
      const recordPath = flags.record === undefined ? null : checkOutputFile(flags.record, '--record')
      // Loaded when the command runs, not when the CLI starts: `--help` and the other commands do not need the backend.
      const [{ createBackend }, { runPreflight }, { runProbeSession }, { appendProbeJudgment }, { onInterrupt }] = await Promise.all([
        import('../../main/backend/create-backend'),
        import('../../main/preflight/run-preflight'),
        import('../probe/run-probe'),
        import('../probe/probe-judgment'),
        import('../probe/interrupt')
      ])
      const backend = createBackend({
        host: 'cli',
        dataDir: defaultDataDir(),
        sandbox: {
          faults: flags.fault,
          generation: flags.generation as SandboxGeneration | undefined,
          eventStyle: flags.eventStyle as SandboxEventStyle | undefined
        },
        resolveToken: async () => process.env[flags.tokenEnv] ?? null,
        preflight: preflightWithin(timeoutMs, runPreflight),
        // The recording streams to --record FILE from the first record, flushed with every ≤ 50 ms batch.
        // An older file there is replaced only once the session really starts (not by a refused probe).
        ...(recordPath
          ? {
              recordingPath: () => {
                replaceOutputFile(recordPath)
                return recordPath
              }
            }
          : {})
      })
      // Interrupted: every queued record goes to disk (dispose flushes and closes recordings), then exit 130/143.
      const stopListening = onInterrupt(() => backend.dispose())
      // PROTOCOL.md §1: the API shares the WebSocket's origin, so --url alone still gets its health checks.
      const derivedHttpBase = flags.url && !flags.httpBase ? deriveHttpBase(flags.url) : null
      const style = terminalStyle(process.stdout)
      const stderrStyle = terminalStyle(process.stderr)
      let run: ProbeRun | undefined
      try {
        if (flags.credential) await checkCredentialExists(backend, flags.credential)
        run = await runProbeSession(backend, {
          environmentId: flags.env ?? settingsFor(classifyUrl(flags.url as string).kind),
          target: flags.url ? { wsUrl: flags.url, httpBase: flags.httpBase ?? derivedHttpBase, authBase: flags.authBase ?? null } : undefined,
          httpBaseDerived: derivedHttpBase !== null,
          authMethod,
          credentialId: flags.credential,
          allowForeignHost: flags.allowForeignHost,
          message: flags.message,
          timeoutMs,
          onProgress: flags.json ? undefined : (step) => process.stderr.write(`${stderrStyle.dim(`… ${step}`)}\n`)
        })
        const { result } = run
        process.stdout.write(flags.json ? `${JSON.stringify(result)}\n` : `${formatProbe(result, style)}\n`)
        process.exitCode = exitForVerdict(result.verdict)
      } finally {
        await backend.dispose()
        stopListening()
      }
      // The backend has closed the recording: add what the probe judged with, so `replay` judges alike.
      if (recordPath && run) await appendProbeJudgment(recordPath, run.judgment, run.last)
    })
}
