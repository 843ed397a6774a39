import { spawn } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { version } from '../../package.json'
import { runCliInProcess, type CliRun } from './commands/testing/run-cli-in-process'
import type { ProbeResult } from './probe/probe-result'

const root = join(__dirname, '..', '..')
/** Settings and recordings of CLI runs go to a throwaway folder, never the developer's own. */
const configHome = mkdtempSync(join(tmpdir(), 'netra-cli-config-'))
afterAll(() => rmSync(configHome, { recursive: true, force: true }))

/**
 * Run the CLI from source the way a user runs the built one, as a child process, and collect what it
 * printed. Kept for what only a real process shows: its exit status and that it exits at all (no handle
 * left open after a probe), start-up with every command loaded, a server that runs until signalled.
 */
function spawnCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/cli/index.ts'), ...args], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', XDG_CONFIG_HOME: configHome, ...env }
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

/** The same run through the CLI's own `main()` in this process (what it prints and its status), without a second of start-up each. */
function cli(args: string[]): Promise<CliRun> {
  return runCliInProcess(args, undefined, { env: { XDG_CONFIG_HOME: configHome, NETRA_DIAG_DATA_DIR: undefined } })
}

describe('netra-diag CLI', () => {
  it('prints help and version with exit 0', async () => {
    const help = await spawnCli(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/probe/)
    expect(help.stdout).toMatch(/serve/)
    const shown = await spawnCli(['--version'])
    expect(shown).toMatchObject({ code: 0, stdout: `${version}\n` })
  })

  it('exits 2 on usage errors, with a one-line reason', async () => {
    expect((await spawnCli(['probe'])).code).toBe(2)
    expect((await cli(['frobnicate'])).code).toBe(2)
    const badTimeout = await cli(['probe', '--env', 'sandbox', '--timeout', 'soon'])
    expect(badTimeout.code).toBe(2)
    expect(badTimeout.stderr).toMatch(/--timeout must be a number/)
    const badEnv = await cli(['probe', '--env', 'mars'])
    expect(badEnv.code).toBe(2)
    expect(badEnv.stderr).toMatch(/unknown environment "mars"/i)
    const badFault = await cli(['probe', '--env', 'sandbox', '--fault', 'gremlins'])
    expect(badFault.code).toBe(2)
    expect(badFault.stderr).toMatch(/unknown fault "gremlins"/i)
    const badParameter = await cli(['probe', '--env', 'sandbox', '--fault', 'slow-llm:soon'])
    expect(badParameter.code).toBe(2)
    expect(badParameter.stderr).toMatch(/bad fault parameter in "slow-llm:soon"/i)
  }, 90_000)

  it('probes the sandbox: one JSON object, the run wrapped by the Supervisor (PROTOCOL.md §4), a normal close, exit 0', async () => {
    const { code, stdout } = await spawnCli(['probe', '--env', 'sandbox', '--json'])
    expect(code).toBe(0)
    const result = JSON.parse(stdout) as ProbeResult
    expect(result).toMatchObject({
      environment: 'sandbox',
      outcome: 'completed',
      verdict: 'healthy',
      findings: [],
      handshake: { status: 101, subprotocol: 'jwt.«redacted»' },
      close: { code: 1000, meaning: expect.any(String), initiator: 'client' }
    })
    expect(result.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/ws$/)
    expect(result.handshake.ms).toBeGreaterThan(0)
    const typesOf = (agent: string): string[] => result.events.filter((event) => event.agent_name === agent).map((event) => event.type)
    expect(typesOf('Supervisor')).toEqual(['agent_started', 'agent_completed'])
    expect(typesOf('triage')).toEqual(['agent_started', 'agent_thinking', 'agent_completed'])
    expect(typesOf('data_helper')).toEqual(['agent_started', 'agent_thinking', 'tool_executing', 'tool_completed', 'agent_completed'])
    expect(typesOf('reporting')).toEqual(['agent_started', 'agent_thinking', 'agent_completed'])
    for (const event of result.events) {
      expect(Object.keys(event).sort()).toEqual(['agent_name', 'run_id', 't', 'type'])
      expect(typeof event.t).toBe('number')
    }
  })

  it('prints a readable report and exits 3 (failing) when the sandbox refuses the token, naming auth', async () => {
    const { code, stdout } = await spawnCli(['probe', '--env', 'sandbox', '--fault', 'token-rejected'])
    expect(code).toBe(3)
    expect(stdout).toMatch(/handshake\s+refused HTTP 403/)
    expect(stdout).toMatch(/^FAILING/m)
    expect(stdout).toMatch(/ERROR\s+auth ·/)
  })

  it('exits 1 (degraded) when only an optional service is degraded, with the finding in the JSON', async () => {
    const { code, stdout } = await cli(['probe', '--env', 'sandbox', '--fault', 'redis-degraded', '--json'])
    expect(code).toBe(1)
    const result = JSON.parse(stdout) as ProbeResult
    expect(result.verdict).toBe('degraded')
    expect(result.findings[0]).toMatchObject({ component: 'redis', severity: 'warning', code: expect.stringMatching(/^redis\./) })
    expect(result.components.redis).toBe('degraded')
    expect(result.components.auth).toBe('ok')
  })

  it('probes an ad-hoc URL and reports a refused port as a network failure', async () => {
    const { code, stdout } = await cli(['probe', '--url', 'ws://127.0.0.1:1/ws', '--auth', 'none', '--json'])
    expect(code).toBe(3)
    const result = JSON.parse(stdout) as ProbeResult
    expect(result.environment).toBe('ad-hoc:127.0.0.1')
    expect(result.findings[0].component).toBe('network')
    expect((await cli(['probe', '--env', 'sandbox', '--url', 'ws://x/ws'])).code).toBe(2)
    const bad = await cli(['probe', '--url', 'http://x/ws'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/the WebSocket URL must start with ws:\/\/ or wss:\/\//i)
    // Said as a sentence, and before anything else: never after "connecting to …".
    const invalid = await cli(['probe', '--url', 'ws://exa mple/ws', '--auth', 'none'])
    expect(invalid.code).toBe(2)
    expect(invalid.stderr).toBe('netra-diag: --url: the WebSocket URL is not a valid URL: "ws://exa mple/ws".\n')
  })
})

describe('netra-diag probe: findings in the order that stops the connection', () => {
  it('with no token against a closed port, "needs a token" comes first, "connection refused" second, and no next step twice', async () => {
    const closed = await countingPort()
    await closed.close()
    const { code, stdout } = await cli(['probe', '--url', `ws://127.0.0.1:${closed.port}/ws`, '--auth', 'subprotocol', '--token-env', 'NETRA_TEST_NO_SUCH_TOKEN', '--timeout', '5', '--json'])
    expect(code).toBe(3)
    const result = JSON.parse(stdout) as ProbeResult
    expect(result.findings.slice(0, 2).map((finding) => finding.component)).toEqual(['auth', 'network'])
    expect(result.findings[1].code).toBe('network.connection-refused')
    const steps = result.findings.flatMap((finding) => finding.nextSteps)
    expect(new Set(steps).size).toBe(steps.length)
  }, 60_000)
})

describe('netra-diag sandbox', () => {
  it('lists its generations and faults', async () => {
    const { code, stdout } = await cli(['sandbox', '--list-faults'])
    expect(code).toBe(0)
    expect(stdout).toMatch(/beta-17/)
    expect(stdout).toMatch(/database-down/)
  })

  it('runs standalone and prints what an outside client needs to connect', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/cli/index.ts'), 'sandbox', '--jwt-secret', 'a-test-secret-of-some-length'], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', XDG_CONFIG_HOME: configHome }
    })
    try {
      let out = ''
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no sandbox banner: ${out}`)), 20_000)
        child.stdout.on('data', (chunk) => {
          out += chunk
          if (/sample token/.test(out)) {
            clearTimeout(timer)
            resolve()
          }
        })
      })
      expect(out).toMatch(/JWT secret\s+a-test-secret-of-some-length/)
      const wsUrl = /WebSocket\s+(ws:\S+)/.exec(out)?.[1] as string
      const token = /sample token\s+(\S+)/.exec(out)?.[1] as string
      expect(out).toMatch(/auth service\s+http:\/\/127\.0\.0\.1:\d+/)
      const socket = new WebSocket(wsUrl, [`jwt.${Buffer.from(token).toString('base64url')}`])
      const first = await new Promise<string>((resolve, reject) => {
        socket.once('message', (data) => resolve(data.toString()))
        socket.once('error', reject)
      })
      expect(JSON.parse(first).type).toBe('connection_established')
      socket.close()
    } finally {
      child.kill('SIGTERM')
    }
  })

  it('rejects an unknown generation with exit 2', async () => {
    const { code, stderr } = await cli(['sandbox', '--generation', 'beta-99'])
    expect(code).toBe(2)
    expect(stderr).toMatch(/unknown generation "beta-99"/i)
  })
})

describe('netra-diag probe --record and export', () => {
  it('records a probe and exports the recording as JUnit and Markdown; a bad file is a usage error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netra-cli-'))
    try {
      const recording = join(dir, 'probe.ndjson')
      expect((await cli(['probe', '--env', 'sandbox', '--record', recording, '--json'])).code).toBe(0)
      const junit = await cli(['export', recording, '--format', 'junit'])
      expect(junit.code).toBe(0)
      // 1 handshake + 1 run × 5 critical event types (owed per run) + 1 close.
      expect(junit.stdout).toMatch(/tests="7" failures="0"/)
      const out = join(dir, 'report.md')
      writeFileSync(out, 'an older report', { mode: 0o644 })
      expect((await cli(['export', recording, '--format', 'markdown', '--out', out])).code).toBe(0)
      expect(readFileSync(out, 'utf8')).toMatch(/## Run `run_/)
      // Exports are as private as the recording they come from, even when they replace a readable file.
      expect(statSync(out).mode & 0o777).toBe(0o600)
      expect(statSync(recording).mode & 0o777).toBe(0o600)
      const noFolder = await cli(['export', recording, '--format', 'har', '--out', join(dir, 'missing', 'x.har')])
      expect(noFolder).toMatchObject({ code: 2, stderr: expect.stringMatching(/--out .*the folder .*missing does not exist\. Create it first/) })
      expect(noFolder.stderr).not.toMatch(/internal error/)
      writeFileSync(join(dir, 'junk.ndjson'), 'hello\n')
      const bad = await cli(['export', join(dir, 'junk.ndjson'), '--format', 'har'])
      expect(bad.code).toBe(2)
      expect(bad.stderr).toMatch(/not a Netra Diagnostics recording/i)
      expect((await cli(['export', recording, '--format', 'pdf'])).code).toBe(2)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 90_000)
})

/** A loopback port that counts the connections reaching it (proof that a refusal did no network work). */
async function countingPort(): Promise<{ port: number; connections: () => number; close: () => Promise<void> }> {
  let count = 0
  const server: Server = createServer((socket) => {
    count++
    socket.on('error', () => undefined)
    socket.destroy()
  })
  server.on('error', () => undefined)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  return { port, connections: () => count, close: () => new Promise((resolve) => server.close(() => resolve())) }
}

/** An unwritable file path: a read-only folder, or (as root, who may write anywhere) a read-only system file. */
function unwritablePath(dir: string): string {
  const locked = join(dir, 'locked')
  writeFileSync(join(dir, 'probe-lock'), '')
  rmSync(join(dir, 'probe-lock'))
  if (process.getuid?.() !== 0) {
    const folder = mkdtempSync(join(dir, 'ro-'))
    chmodSync(folder, 0o500)
    return join(folder, 'x.ndjson')
  }
  return existsSync('/sys/kernel/notes') ? '/sys/kernel/notes' : locked
}

describe('netra-diag: every failure says its cause and a fix, exits 2, before any network work', () => {
  it('a bare netra-diag prints usage on stderr and exits 2', async () => {
    const bare = await spawnCli([])
    expect(bare.code).toBe(2)
    expect(bare.stderr).toMatch(/A command is required\.[\s\S]*Usage: netra-diag/)
    expect(bare.stdout).toBe('')
  })

  it('refuses an empty --message, a bad --record path, an unknown --credential and a lone --allow-foreign-host without connecting', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netra-cli-fail-'))
    const target = await countingPort()
    try {
      const probe = (...args: string[]) => cli(['probe', '--url', `ws://127.0.0.1:${target.port}/ws`, '--auth', 'none', ...args])
      const cases: Array<[string[], RegExp]> = [
        [['--message', ''], /--message is empty\. Give the text to send/],
        [['--message', '   '], /--message is empty/],
        [['--record', join(dir, 'no-such-folder', 'x.ndjson')], /the folder .*no-such-folder does not exist\. Create it first \(mkdir -p/],
        [['--record', dir], /--record .* is a folder\. Give a file name inside it/],
        [['--record', unwritablePath(dir)], /cannot be written \((permission denied|read-only file system)\)\. Choose a path you can write to\./],
        [['--credential', 'c-000000000000'], /--credential c-000000000000: no stored credential has this id\. List them with: netra-diag credentials list\./],
        [['--allow-foreign-host', 'evil.example.com'], /--allow-foreign-host goes with --credential/]
      ]
      for (const [args, message] of cases) {
        const result = await probe(...args)
        expect({ args, code: result.code }).toEqual({ args, code: 2 })
        expect(result.stderr).toMatch(message)
        expect(result.stderr).not.toMatch(/internal error/)
      }
      expect(target.connections()).toBe(0)
    } finally {
      await target.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }, 120_000)

  it('a port in use (serve, sandbox --port and --auth-port) is a usage error naming the port and the fix', async () => {
    const taken = await countingPort()
    try {
      for (const args of [['serve', '--port'], ['sandbox', '--port'], ['sandbox', '--auth-port']]) {
        const result = await cli([...args, String(taken.port)])
        expect({ args, code: result.code }).toEqual({ args, code: 2 })
        expect(result.stderr).toContain(`Port ${taken.port} on 127.0.0.1 is already in use (${args[1]} ${taken.port}). Stop the program using it, or choose another port (${args[1]} 0 picks a free one).`)
      }
    } finally {
      await taken.close()
    }
  })
})
