import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { WebSocketServer, type WebSocket } from 'ws'

const root = join(__dirname, '..', '..', '..')
const dir = mkdtempSync(join(tmpdir(), 'netra-probe-record-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/**
 * A server that floods: after the client's first message it streams `stream_chunk` frames until the
 * client goes away (with backpressure, so memory stays flat), and answers nothing else — the probe
 * never sees its run finish, so only a signal ends it.
 */
let server: Server
let wss: WebSocketServer
let wsUrl: string
beforeAll(async () => {
  server = createServer((_request, response) => response.writeHead(404).end())
  server.on('error', () => undefined)
  wss = new WebSocketServer({ server })
  wss.on('error', () => undefined)
  wss.on('connection', (socket: WebSocket) => {
    socket.on('error', () => undefined)
    socket.once('message', () => {
      let index = 0
      const burst = (): void => {
        if (socket.readyState !== socket.OPEN) return
        for (let i = 0; i < 200; i++) socket.send(JSON.stringify({ type: 'stream_chunk', data: { index: index++, chunk: 'lorem ipsum dolor sit amet' } }))
        socket.send(JSON.stringify({ type: 'stream_chunk', data: { index: index++ } }), () => setImmediate(burst))
      }
      burst()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  wsUrl = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws`
})
afterAll(async () => {
  for (const client of wss.clients) client.terminate()
  wss.close()
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

let child: ChildProcess | null = null
afterEach(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  child = null
})

/** Start `netra-diag probe --record FILE` against the flood (from source, as a user runs the built CLI). */
function startProbe(file: string): { exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> } {
  const started = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/cli/index.ts'), 'probe', '--url', wsUrl, '--auth', 'none', '--record', file, '--timeout', '300', '--json'], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1', NETRA_DIAG_DATA_DIR: join(dir, 'data') }
  })
  child = started
  let stderr = ''
  started.stderr?.on('data', (chunk) => (stderr += chunk))
  started.stdout?.resume()
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
    const guard = setTimeout(() => started.kill('SIGKILL'), 60_000)
    started.on('close', (code, signal) => {
      clearTimeout(guard)
      resolve({ code, signal, stderr })
    })
  })
  return { exited }
}

/**
 * Complete lines of the file right now (a line being written is not counted). The probe's start-up
 * check creates the file and removes it again, so the file can vanish between two looks: absent is 0.
 */
function completeLines(file: string): number {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0
    throw error
  }
  return text.slice(0, text.lastIndexOf('\n') + 1).split('\n').length - 1
}

/** Wait until the recording holds at least `lines` complete lines, while the probe is still running. */
async function waitForLines(file: string, lines: number): Promise<number> {
  const end = Date.now() + 45_000
  for (;;) {
    const seen = completeLines(file)
    if (seen >= lines) return seen
    if (child?.exitCode !== null || Date.now() > end) throw new Error(`the recording had ${seen} lines, not ${lines}, while the probe ran`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** Parse a recording up to its last complete line: the header, then records with their seqs. */
function parseRecording(file: string): { header: { format: string }; seqs: number[]; kinds: string[]; cutOff: boolean } {
  const text = readFileSync(file, 'utf8')
  const complete = text.slice(0, text.lastIndexOf('\n') + 1)
  const lines = complete.split('\n').slice(0, -1)
  const [header, ...records] = lines.map((line) => JSON.parse(line) as { format: string; seq: number; kind: string })
  return { header, seqs: records.map((record) => record.seq), kinds: records.map((record) => record.kind), cutOff: complete.length < text.length }
}

describe('probe --record streams the recording', { timeout: 90_000 }, () => {
  it('keeps every record written before a SIGKILL mid-flood: the file parses up to its last complete line, seqs contiguous from 0', async () => {
    const file = join(dir, 'killed.ndjson')
    const { exited } = startProbe(file)
    const seenWhileRunning = await waitForLines(file, 3000)
    child?.kill('SIGKILL')
    const { signal } = await exited
    expect(signal).toBe('SIGKILL')
    const { header, seqs } = parseRecording(file)
    expect(header.format).toBe('netra-session')
    expect(seqs.length).toBeGreaterThanOrEqual(seenWhileRunning - 1)
    expect(seqs).toEqual(seqs.map((_, i) => i))
    expect(statSync(file).mode & 0o777).toBe(0o600)
    process.stdout.write(`probe --record, SIGKILL mid-flood: ${seqs.length} records kept (${seenWhileRunning} lines seen before the kill)\n`)
  })

  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130]
  ] as const)('on %s writes out everything queued, ends the file on a complete line and exits %d', async (signal, status) => {
    const file = join(dir, `${signal}.ndjson`)
    const { exited } = startProbe(file)
    const seenWhileRunning = await waitForLines(file, 1000)
    child?.kill(signal)
    const { code, stderr } = await exited
    expect(code).toBe(status)
    expect(stderr).toMatch(new RegExp(`interrupted \\(${signal}\\)`))
    const { seqs, kinds, cutOff } = parseRecording(file)
    // The stream was ended, not cut: no partial last line, nothing missing, more than was seen before the signal.
    expect(cutOff).toBe(false)
    expect(seqs).toEqual(seqs.map((_, i) => i))
    expect(seqs.length).toBeGreaterThanOrEqual(seenWhileRunning - 1)
    expect(kinds.slice(0, 2)).toEqual(['session-start', 'preflight'])
  })
})
