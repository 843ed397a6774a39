import { spawn, type ChildProcess } from 'node:child_process'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'

/** A web host running in a child process (see web-host-child.ts). */
export type ChildWebHost = {
  port: number
  token: string
  /** Every stderr line so far (the host's one-line notices). */
  logLines: string[]
  /** Is the process still running? */
  alive(): boolean
  /** Close its stdin and wait (bounded) for it to exit; kills it if it does not. */
  stop(): Promise<void>
}

const START_TIMEOUT_MS = 20_000
const STOP_TIMEOUT_MS = 5000

/** Start the web host with the fake backend in a child process (Node + tsx, like the benchmarks). */
export function spawnWebHost(): Promise<ChildWebHost> {
  // `__filename`, not `__dirname`: tsx gives an ESM importer (scripts/soak.mjs) a broken __dirname but a true __filename.
  const script = join(dirname(__filename), 'web-host-child.ts')
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['pipe', 'pipe', 'pipe'] })
  const logLines: string[] = []
  createInterface({ input: child.stderr! }).on('line', (line) => logLines.push(line))
  child.stdin!.on('error', () => undefined)
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`web host child did not start in time: ${logLines.join(' | ')}`))
    }, START_TIMEOUT_MS)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`web host child exited (${code}) before it started: ${logLines.join(' | ')}`))
    })
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer)
      const { port, token } = JSON.parse(line) as { port: number; token: string }
      resolve({
        port,
        token,
        logLines,
        alive: () => child.exitCode === null && child.signalCode === null,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done()
            const kill = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS)
            child.once('exit', () => {
              clearTimeout(kill)
              done()
            })
            child.stdin!.end()
          })
      })
    })
  })
}
