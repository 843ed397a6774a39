import { Readable } from 'node:stream'
import { main } from '../../main'

/** What one CLI run printed and the status it would have exited with. */
export type CliRun = { code: number | null; stdout: string; stderr: string }

/** Runs are one at a time: each borrows the process's stdout, stderr, stdin, env and exit code. */
let queue: Promise<unknown> = Promise.resolve()

/**
 * Run `netra-diag ARGS` inside the test's own process, through the same `main()` the binary calls,
 * against its own data folder: what it writes to stdout/stderr and its exit status, as `runCli` reports
 * them for a child process. Spawning `node --import tsx` costs about a second of CPU per call (the
 * transpile and load of the whole command); in-process the modules load once per test file. Use it
 * where a test checks what a command does and says; keep a real child process (`runCli`) where the
 * process itself is the subject (exit on a signal, start-up, a long-running server, no D-Bus).
 *
 * `env` entries set to `undefined` are removed for the run. Everything borrowed is given back, also
 * when the command throws.
 */
export function runCliInProcess(
  args: string[],
  dataDir: string | undefined,
  options: { stdin?: string; env?: NodeJS.ProcessEnv } = {}
): Promise<CliRun> {
  const run = queue.then(() => runNow(args, dataDir, options))
  queue = run.catch(() => undefined)
  return run
}

async function runNow(args: string[], dataDir: string | undefined, options: { stdin?: string; env?: NodeJS.ProcessEnv }): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { NO_COLOR: '1', ...(dataDir === undefined ? {} : { NETRA_DIAG_DATA_DIR: dataDir }), ...options.env }
  const savedEnv = new Map(Object.keys(env).map((key) => [key, process.env[key]]))
  const savedExitCode = process.exitCode
  const stdinDescriptor = Object.getOwnPropertyDescriptor(process, 'stdin')
  const writeOut = process.stdout.write
  const writeErr = process.stderr.write
  let stdout = ''
  let stderr = ''
  const capture =
    (append: (text: string) => void) =>
    (chunk: string | Uint8Array, encoding?: BufferEncoding | ((error?: Error | null) => void), done?: (error?: Error | null) => void): boolean => {
      append(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString(typeof encoding === 'string' ? encoding : 'utf8'))
      const callback = typeof encoding === 'function' ? encoding : done
      if (callback) queueMicrotask(() => callback())
      return true
    }
  try {
    for (const [key, value] of Object.entries(env)) setEnv(key, value)
    process.exitCode = undefined
    // A piped stdin that ends (an empty one by default), like `runCli`'s child gets: never the test runner's.
    Object.defineProperty(process, 'stdin', { configurable: true, enumerable: true, value: Readable.from([options.stdin ?? ''].filter(Boolean)) })
    process.stdout.write = capture((text) => (stdout += text)) as typeof process.stdout.write
    process.stderr.write = capture((text) => (stderr += text)) as typeof process.stderr.write
    await main(['node', 'netra-diag', ...args])
    const code = process.exitCode === undefined || process.exitCode === null ? 0 : Number(process.exitCode)
    return { code, stdout, stderr }
  } finally {
    process.stdout.write = writeOut
    process.stderr.write = writeErr
    if (stdinDescriptor) Object.defineProperty(process, 'stdin', stdinDescriptor)
    process.exitCode = savedExitCode
    for (const [key, value] of savedEnv) setEnv(key, value)
  }
}

/** Set or (for undefined) remove one variable of process.env. */
function setEnv(key: string, value: string | undefined): void {
  if (value === undefined) delete process.env[key]
  else process.env[key] = value
}
