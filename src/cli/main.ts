import { Command, CommanderError } from 'commander'
import { version } from '../../package.json'
import { ContractError } from '../shared/api/contract'
import { EXIT } from './exit-codes'
import { checkCommand } from './commands/check-command'
import { credentialsCommand } from './commands/credentials-command'
import { envCommand } from './commands/env-command'
import { exportCommand } from './commands/export-command'
import { probeCommand } from './commands/probe-command'
import { replayCommand } from './commands/replay-command'
import { sandboxCommand } from './commands/sandbox-command'
import { serveCommand } from './commands/serve-command'
import { UsageError } from './usage-error'

/** Build the `netra-diag` program (exported for tests). */
export function buildProgram(): Command {
  const program = new Command('netra-diag')
    .description('Netra Diagnostics: diagnose WebSocket sessions against the Netra agent platform')
    .version(version, '-v, --version')
    .showHelpAfterError('(run netra-diag --help for usage)')
    .exitOverride()
  for (const command of [serveCommand(), probeCommand(), sandboxCommand(), exportCommand(), envCommand(), credentialsCommand(), checkCommand(), replayCommand()]) program.addCommand(command.exitOverride())
  return program
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
  const program = buildProgram()
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
    if (error instanceof UsageError || (error instanceof ContractError && USAGE_CODES.has(error.code))) {
      process.stderr.write(`netra-diag: ${sentence(error.message)}\n`)
      process.exitCode = EXIT.usage
      return
    }
    const detail = error instanceof Error ? error.message : String(error)
    process.stderr.write(`netra-diag: internal error: ${sentence(detail)} This is a bug; please report it with the command you ran.\n`)
    process.exitCode = EXIT.usage
  }
}
