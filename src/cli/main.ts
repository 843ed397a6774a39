import { Command, CommanderError } from 'commander'
import { version } from '../../package.json'
import { ContractError } from '../shared/api/contract'
import { EXIT } from './exit-codes'
import { checkCommand } from './commands/check-command'
import { credentialsCommand } from './commands/credentials-command'
import { envCommand } from './commands/env-command'
import { exportCommand } from './commands/export-command'
import { probeCommand } from './commands/probe-command'
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
  for (const command of [serveCommand(), probeCommand(), sandboxCommand(), exportCommand(), envCommand(), credentialsCommand(), checkCommand()]) program.addCommand(command.exitOverride())
  return program
}

/** Run the CLI with `argv` (as process.argv); sets process.exitCode. */
export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv)
  } catch (error) {
    if (error instanceof CommanderError) {
      const helpOrVersion = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code)
      process.exitCode = helpOrVersion ? EXIT.ok : EXIT.usage
      return
    }
    if (error instanceof UsageError || (error instanceof ContractError && error.code === 'invalid-request')) {
      process.stderr.write(`netra-diag: ${error.message}\n`)
      process.exitCode = EXIT.usage
      return
    }
    process.stderr.write(`netra-diag: internal error: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = EXIT.usage
  }
}
