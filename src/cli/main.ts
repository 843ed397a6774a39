import { Command, CommanderError } from 'commander'
import { version } from '../../package.json'
import type { ContractError } from '../shared/api/contract'
import { EXIT } from './exit-codes'
import { UsageError } from './usage-error'

/**
 * Each subcommand, loaded only when it runs: a command's module pulls in the backend, the sandbox
 * or the web host, and `netra-diag --version` or `netra-diag export …` should not pay for the others
 * (start-up is most of a short call; see bench/cli-startup.ts).
 */
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  serve: async () => (await import('./commands/serve-command')).serveCommand(),
  probe: async () => (await import('./commands/probe-command')).probeCommand(),
  sandbox: async () => (await import('./commands/sandbox-command')).sandboxCommand(),
  export: async () => (await import('./commands/export-command')).exportCommand(),
  env: async () => (await import('./commands/env-command')).envCommand(),
  credentials: async () => (await import('./commands/credentials-command')).credentialsCommand(),
  check: async () => (await import('./commands/check-command')).checkCommand(),
  replay: async () => (await import('./commands/replay-command')).replayCommand()
}

/** The commands `argv` needs: the one it names, none for `--version`, every one for help, usage and errors. */
function commandsFor(argv: readonly string[]): string[] {
  const first = argv[2]
  if (first !== undefined && first in COMMANDS) return [first]
  if (first === '--version' || first === '-v') return []
  return Object.keys(COMMANDS)
}

/** Build the `netra-diag` program with the commands `argv` needs (all of them by default; exported for tests). */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('netra-diag')
    .description('Netra Diagnostics: diagnose WebSocket sessions against the Netra agent platform')
    .version(version, '-v, --version')
    .showHelpAfterError('(run netra-diag --help for usage)')
    .exitOverride()
  const commands = await Promise.all(commandsFor(argv).map((name) => COMMANDS[name]()))
  for (const command of commands) program.addCommand(command.exitOverride())
  return program
}

/**
 * Is `error` a contract refusal? Told by its name, not `instanceof`: importing the contract's class
 * would load every schema (zod) into `--version` and `--help`.
 */
function isContractError(error: unknown): error is ContractError {
  return error instanceof Error && error.name === 'ContractError' && typeof (error as { code?: unknown }).code === 'string'
}

/** Contract refusals that are the caller's to fix (a bad value, an unknown id, an unconfirmed foreign host). */
const USAGE_CODES = new Set(['invalid-request', 'not-found', 'foreign-host'])

/** A message as a sentence: capitalised (unless it starts with a flag or a name) and ending with a full stop. */
export function sentence(message: string): string {
  const text = message.trim()
  const capitalised = /^[a-z]/.test(text) ? text[0].toUpperCase() + text.slice(1) : text
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`
}

/** Run the CLI with `argv` (as process.argv); sets process.exitCode. */
export async function main(argv: string[]): Promise<void> {
  const program = await buildProgram(argv)
  if (argv.length <= 2) {
    // No command is a usage error: say what there is, on stderr, and exit 2 (scripts must not read it as success).
    process.stderr.write(`netra-diag: A command is required.\n\n${program.helpInformation()}`)
    process.exitCode = EXIT.usage
    return
  }
  try {
    await program.parseAsync(argv)
  } catch (error) {
    if (error instanceof CommanderError) {
      const helpOrVersion = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code)
      process.exitCode = helpOrVersion ? EXIT.ok : EXIT.usage
      return
    }
    if (error instanceof UsageError || (isContractError(error) && USAGE_CODES.has(error.code))) {
      process.stderr.write(`netra-diag: ${sentence(error.message)}\n`)
      process.exitCode = EXIT.usage
      return
    }
    const detail = error instanceof Error ? error.message : String(error)
    process.stderr.write(`netra-diag: internal error: ${sentence(detail)} This is a bug; please report it with the command you ran.\n`)
    process.exitCode = EXIT.usage
  }
}
