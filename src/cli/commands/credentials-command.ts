import { Command, Option } from 'commander'
import { defaultDataDir } from '../../main/settings/default-data-dir'
import { ContractError, dispatch, type ContractBackend, type MethodName, type MethodRequest, type MethodResponse } from '../../shared/api/contract'
import { CredentialKindSchema, type CredentialInfo, type KeychainStatus } from '../../shared/api/credential-schemas'
import { EXIT } from '../exit-codes'
import { terminalStyle } from '../terminal-style'
import { UsageError } from '../usage-error'

/** Thrown when the keychain cannot be used: printed as one line, exit 1 (not a usage mistake). */
class KeychainUnavailable extends Error {}

const NEVER_ARGV =
  'never pass a secret on the command line (it ends up in shell history and in `ps`): pipe it on stdin (… | netra-diag credentials add …) or type it at the hidden prompt'

const MEMORY_MEANINGLESS =
  '--memory is meaningless for the CLI: the in-memory fallback keeps a secret only while this process runs, and it exits right after storing. ' +
  'Fix the keychain (netra-diag credentials list shows the cause and the fix), or for a one-off probe pass the token through an environment variable (probe --token-env VAR).'

async function call<M extends MethodName>(backend: ContractBackend, method: M, request: MethodRequest<M>): Promise<MethodResponse<M>> {
  try {
    return (await dispatch(backend.handlers, method, request)) as MethodResponse<M>
  } catch (error) {
    if (!(error instanceof ContractError)) throw error
    const message = error.message.replace(/^[\w.-]+: /, '')
    if (error.code === 'invalid-request' || error.code === 'not-found') throw new UsageError(message)
    if (error.code === 'keychain-unavailable') {
      const { keychain } = (await dispatch(backend.handlers, 'credentials.list', {})) as MethodResponse<'credentials.list'>
      throw new KeychainUnavailable(keychain.cause ? keychainLine(keychain) : message)
    }
    throw error
  }
}

async function withBackend<T>(run: (backend: ContractBackend) => Promise<T>): Promise<T | undefined> {
  // Loaded when the command runs, not when the CLI starts: `--help` and the other commands do not need the backend.
  const { createBackend } = await import('../../main/backend/create-backend')
  const backend = createBackend({ host: 'cli', dataDir: defaultDataDir() })
  try {
    return await run(backend)
  } catch (error) {
    if (!(error instanceof KeychainUnavailable)) throw error
    process.stderr.write(`netra-diag: ${error.message}\n`)
    process.exitCode = EXIT.failed
    return undefined
  } finally {
    await backend.dispose()
  }
}

/** Read all of a piped stdin (a trailing newline is not part of the secret). */
async function readStdin(limit = 65_536): Promise<string> {
  let text = ''
  for await (const chunk of process.stdin) {
    text += String(chunk)
    if (text.length > limit) throw new UsageError(`stdin is longer than ${limit} characters: not a token or key`)
  }
  return text.trim()
}

/** Ask without echo: raw mode, so the secret never appears on screen or in the terminal's scrollback. */
function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin
  return new Promise((resolve, reject) => {
    let value = ''
    const finish = (error?: Error): void => {
      stdin.off('data', onData)
      stdin.setRawMode(false)
      stdin.pause()
      process.stderr.write('\n')
      if (error) reject(error)
      else resolve(value.trim())
    }
    const onData = (chunk: Buffer): void => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish()
        if (char === '\u0003') return finish(new UsageError('cancelled'))
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1)
        else if (char >= ' ') value += char
      }
    }
    process.stderr.write(prompt)
    stdin.setRawMode(true)
    stdin.resume()
    stdin.on('data', onData)
  })
}

function expiryText(credential: CredentialInfo): string {
  if (credential.expiresAt === null) return ''
  const when = new Date(credential.expiresAt).toISOString().replace('.000Z', 'Z')
  return credential.expiry === 'expired' ? `  EXPIRED ${when}` : credential.expiry === 'expiring-soon' ? `  expires soon (${when})` : `  expires ${when}`
}

function keychainLine(keychain: KeychainStatus): string {
  return keychain.available ? 'keychain: available' : `keychain unavailable: ${keychain.cause}. Fix: ${keychain.fix}`
}

/** `netra-diag credentials`: list, add and remove stored credentials; secrets go in via stdin or a hidden prompt only. */
export function credentialsCommand(): Command {
  const credentials = new Command('credentials').description('manage credentials (secrets in the OS keychain; metadata in credentials.json)')

  credentials
    .command('list')
    .description('list credentials (never their secrets) and whether the keychain works')
    .option('--json', 'print one JSON object')
    .option('--env <id>', 'only this environment')
    .action(async (flags: { json?: boolean; env?: string }) => {
      await withBackend(async (backend) => {
        const result = await call(backend, 'credentials.list', {})
        const shown = flags.env ? result.credentials.filter((credential) => credential.environmentId === flags.env) : result.credentials
        if (result.loadError) process.stderr.write(`netra-diag: warning: ${result.loadError}\n`)
        if (flags.json) {
          process.stdout.write(`${JSON.stringify({ ...result, credentials: shown })}\n`)
          return
        }
        const style = terminalStyle(process.stdout)
        const rows = shown.map((credential) => {
          const who = credential.claims ? `  ${[credential.claims.sub, credential.claims.email, credential.claims.env && `env ${credential.claims.env}`].filter(Boolean).join(' · ')}` : ''
          return `${credential.id}  ${credential.environmentId}/${credential.label}  ${credential.kind}${credential.storage === 'memory' ? ' (this run only)' : ''}${style.dim(who)}${expiryText(credential)}`
        })
        process.stdout.write(`${[...rows, ...(rows.length ? [] : ['(no credentials)'])].join('\n')}\n`)
        const line = keychainLine(result.keychain)
        if (result.keychain.available) process.stdout.write(`${style.dim(line)}\n`)
        else process.stderr.write(`netra-diag: ${line}\n`)
      })
    })

  credentials
    .command('add')
    .description('store a credential; the secret is read from stdin when piped, otherwise from a hidden prompt')
    .requiredOption('--env <id>', 'environment id')
    .requiredOption('--label <label>', 'a name for it (unique per environment)')
    .addOption(new Option('--kind <kind>', 'what it is').choices(CredentialKindSchema.options).makeOptionMandatory())
    // Accepted only to refuse them with a clear reason; a secret must never be in argv.
    .addOption(new Option('--secret <value>').hideHelp())
    .addOption(new Option('--token <value>').hideHelp())
    .addOption(new Option('--memory').hideHelp())
    .action(async (flags: { env: string; label: string; kind: string; secret?: string; token?: string; memory?: boolean }) => {
      if (flags.secret !== undefined || flags.token !== undefined) throw new UsageError(NEVER_ARGV)
      if (flags.memory) throw new UsageError(MEMORY_MEANINGLESS)
      const secret = process.stdin.isTTY ? await promptHidden(`secret for ${flags.env}/${flags.label} (input hidden): `) : await readStdin()
      if (!secret) throw new UsageError('no secret given: pipe it on stdin or type it at the prompt')
      await withBackend(async (backend) => {
        const kind = flags.kind as MethodRequest<'credentials.add'>['kind']
        const { credential } = await call(backend, 'credentials.add', { environmentId: flags.env, label: flags.label, kind, secret })
        process.stdout.write(`stored ${credential.environmentId}/${credential.label} (${credential.id}) in the OS keychain${expiryText(credential)}\n`)
      })
    })

  credentials
    .command('remove')
    .description('delete a credential and its keychain entry')
    .argument('<credential>', 'credential id, or <environment>/<label>')
    .action(async (which: string) => {
      await withBackend(async (backend) => {
        const { credentials: all } = await call(backend, 'credentials.list', {})
        const match = all.find((credential) => credential.id === which || `${credential.environmentId}/${credential.label}` === which)
        if (!match) throw new UsageError(`no credential "${which}"; list them with: netra-diag credentials list`)
        await call(backend, 'credentials.remove', { id: match.id })
        process.stdout.write(`removed ${match.environmentId}/${match.label}\n`)
      })
    })

  for (const command of credentials.commands) command.exitOverride()
  return credentials
}
