import { UsageError } from './usage-error'

type ListenFailure = { code?: string; port?: number; cause?: unknown }

/**
 * A server that could not listen, as the user's mistake it usually is: the port is taken, or
 * needs privileges. `flags` name the options that chose each port (`--port`, `--auth-port`), so
 * the message names the right one. Anything else is returned as it was (a real internal error).
 */
export function listenError(error: unknown, flags: Record<string, number>): unknown {
  let failure = error as ListenFailure | undefined
  // The web host wraps the system error; the sandbox throws it as it is.
  if (failure && !failure.code && failure.cause) failure = failure.cause as ListenFailure
  const code = failure?.code
  if (code !== 'EADDRINUSE' && code !== 'EACCES') return error
  const entries = Object.entries(flags)
  const [flag, port] = entries.find(([, chosen]) => chosen === failure?.port) ?? entries[0]
  if (code === 'EADDRINUSE')
    return new UsageError(`Port ${port} on 127.0.0.1 is already in use (${flag} ${port}). Stop the program using it, or choose another port (${flag} 0 picks a free one).`)
  return new UsageError(`Port ${port} needs administrator privileges (${flag} ${port}). Choose a port above 1023 (${flag} 0 picks a free one).`)
}
