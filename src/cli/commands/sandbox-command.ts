import { Command } from 'commander'
import {
  SANDBOX_FAULTS,
  SANDBOX_GENERATIONS,
  SANDBOX_TRIAGE_ORDERS,
  isTriageOrder,
  startSandbox,
  SANDBOX_EVENT_STYLES,
  type SandboxEventStyle,
  type SandboxGeneration,
  type TriageOrder
} from '../../main/sandbox'
import { describeReplay, serveReplay } from '../../main/sandbox/replay/serve-replay'
import { listenError } from '../listen-error'
import { EVENT_STYLE_HELP, checkEventStyle, checkFaults, checkGeneration, collect, parsePort, parseSpeed } from '../sandbox-flags'
import { readRecordingFile } from './replay-command'
import { terminalStyle } from '../terminal-style'
import { UsageError } from '../usage-error'

type SandboxFlags = {
  port: string
  authPort: string
  generation: string
  fault: string[]
  triage: string
  jwtSecret?: string
  simulationKey?: string
  stepDelay: string
  eventStyle: string
  listFaults?: boolean
  replay?: string
  entry?: string
  speed: string
}

/** `sandbox --replay FILE`: serve a recording's server side until Ctrl+C. */
async function runReplay(file: string, flags: SandboxFlags): Promise<void> {
  const speed = parseSpeed(flags.speed)
  const port = parsePort(flags.port)
  const { records } = await readRecordingFile(file, flags.entry, (issue) => void process.stderr.write(`warning: ${file}:${issue.line}: ${issue.message}\n`))
  const server = await serveReplay(records, { port, speed }).catch((error: unknown) => {
    if (error instanceof Error && /no handshake/.test(error.message)) throw new UsageError(`${file}: ${error.message}`)
    throw listenError(error, { '--port': port })
  })
  const style = terminalStyle(process.stdout)
  process.stdout.write(
    [style.bold('Netra sandbox (replay)'), `  ${style.dim('WebSocket'.padEnd(16))}${server.wsUrl}`, `  ${style.dim('HTTP API'.padEnd(16))}${server.httpUrl}`, ...describeReplay(server, file, speed).map((line) => style.dim(line)), style.dim('Ctrl+C stops.'), ''].join('\n')
  )
  await new Promise<void>((done) => {
    process.once('SIGINT', () => done())
    process.once('SIGTERM', () => done())
  })
  await server.stop()
}

const TRIAGE = SANDBOX_TRIAGE_ORDERS.map((order) => order.id)

function listCatalog(): string {
  const lines = ['Generations:']
  for (const generation of SANDBOX_GENERATIONS) lines.push(`  ${generation.id.padEnd(26)}${generation.title}`)
  lines.push('', 'Event styles (--event-style):')
  for (const style of SANDBOX_EVENT_STYLES) lines.push(`  ${style.id.padEnd(26)}${style.title}`)
  lines.push('', 'Faults (--fault, repeatable):')
  for (const fault of SANDBOX_FAULTS) lines.push(`  ${fault.id.padEnd(26)}${fault.title}`)
  return lines.join('\n')
}

/** `netra-diag sandbox`: run the embedded Netra-compatible server on its own, for any client. */
export function sandboxCommand(): Command {
  return new Command('sandbox')
    .description('run the embedded Netra-compatible sandbox server for your own client (prints URLs, JWT secret and simulation key)')
    .option('--port <port>', 'HTTP + WebSocket port on 127.0.0.1 (0 picks one)', '0')
    .option('--auth-port <port>', 'auth service port (0 picks one)', '0')
    .option('--generation <id>', 'server generation to imitate', 'beta-17')
    .option('--fault <id>', 'inject a fault (repeatable)', collect, [])
    .option('--triage <order>', `triage outcome: ${TRIAGE.join(', ')}`, 'insufficient')
    .option('--jwt-secret <secret>', 'HS256 secret for tokens (a test secret; default random)')
    .option('--simulation-key <key>', 'E2E OAuth simulation key (a test key; default random)')
    .option('--step-delay <ms>', 'pause between agent events', '40')
    .option('--event-style <style>', EVENT_STYLE_HELP, 'wrapped')
    .option('--list-faults', 'list generations and faults, then exit')
    .option('--replay <file>', "serve the server side of a recording (.ndjson, or a .har) to every client that connects, each with its own playback")
    .option('--speed <n>', 'with --replay: playback speed (1 as recorded, 4 four times faster)', '1')
    .option('--entry <n>', 'with --replay of a .har file with several WebSocket entries: which one')
    .action(async (flags: SandboxFlags) => {
      if (flags.replay !== undefined) return runReplay(flags.replay, flags)
      if (flags.listFaults) {
        process.stdout.write(`${listCatalog()}\n`)
        return
      }
      checkFaults(flags.fault)
      checkGeneration(flags.generation)
      checkEventStyle(flags.eventStyle)
      if (!isTriageOrder(flags.triage)) throw new UsageError(`--triage must be one of ${TRIAGE.join(', ')}`)
      const stepDelayMs = Number(flags.stepDelay)
      if (!Number.isFinite(stepDelayMs) || stepDelayMs < 0) throw new UsageError('--step-delay must be a non-negative number of milliseconds')
      const port = parsePort(flags.port)
      const authPort = parsePort(flags.authPort, '--auth-port')
      const sandbox = await startSandbox({
        port,
        authPort,
        generation: flags.generation as SandboxGeneration,
        faults: flags.fault,
        triage: flags.triage as TriageOrder,
        jwtSecret: flags.jwtSecret,
        simulationKey: flags.simulationKey,
        stepDelayMs,
        eventStyle: flags.eventStyle as SandboxEventStyle
      }).catch((error: unknown) => {
        throw listenError(error, { '--port': port, '--auth-port': authPort })
      })
      const style = terminalStyle(process.stdout)
      const token = await sandbox.mintToken()
      const row = (name: string, value: string): string => `  ${style.dim(name.padEnd(16))}${value}`
      process.stdout.write(
        [
          style.bold(`Netra sandbox (${sandbox.options.generation}, ${sandbox.options.eventStyle} events${sandbox.options.faults.length ? `, faults: ${sandbox.options.faults.join(', ')}` : ''})`),
          row('WebSocket', sandbox.wsUrl),
          row('HTTP API', sandbox.httpUrl),
          row('auth service', sandbox.authUrl),
          row('JWT secret', sandbox.jwtSecret),
          row('simulation key', sandbox.simulationKey),
          row('sample token', token),
          '',
          style.dim('Tokens: HS256, iss netra-auth-service, aud netra-platform, env development. Ctrl+C stops.'),
          ''
        ].join('\n')
      )
      await new Promise<void>((done) => {
        process.once('SIGINT', () => done())
        process.once('SIGTERM', () => done())
      })
      await sandbox.stop()
    })
}
