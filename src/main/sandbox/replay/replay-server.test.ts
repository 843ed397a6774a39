import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { readRecording } from '../../../cli/commands/replay-command'
import { runProbe } from '../../../cli/probe/run-probe'
import { replayReport } from '../../../cli/probe/replay-recording'
import type { FrameRecord } from '../../../shared/api/frame-record'
import { createBackend } from '../../backend/create-backend'
import { startReplayServer } from './replay-server'

const dir = mkdtempSync(join(tmpdir(), 'netra-replay-server-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Probe the embedded sandbox with `fault` and return its recording's records. */
async function record(fault: string | null): Promise<{ sessionId: string; records: FrameRecord[] }> {
  const file = join(dir, `${fault ?? 'healthy'}.ndjson`)
  const backend = createBackend({ host: 'cli', sandbox: { faults: fault ? [fault] : [], stepDelayMs: 5 }, recordingPath: () => file })
  try {
    await runProbe(backend, { environmentId: 'sandbox', message: 'Analyse my cloud costs', timeoutMs: 10_000 })
  } finally {
    await backend.dispose()
  }
  return readRecording(file, (issue) => {
    throw new Error(`line ${issue.line}: ${issue.message}`)
  })
}

/** Connect a plain client, send one message once greeted, collect the server's text frames until the end. */
function collect(wsUrl: string, protocol: string): Promise<{ protocol: string; frames: string[]; close: { code: number; reason: string } }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl, [protocol])
    const frames: string[] = []
    const timer = setTimeout(() => reject(new Error('no close within 20 s')), 20_000)
    ws.on('error', reject)
    ws.on('message', (data) => {
      frames.push(data.toString())
      if (frames.length === 1) ws.send(JSON.stringify({ type: 'user_message', payload: { content: 'Analyse my cloud costs', thread_id: null } }))
      else if (/"agent_completed"[\s\S]*"Supervisor"|"type":"agent_completed".*"agent_name":"Supervisor"/.test(data.toString())) ws.close(1000, 'done')
    })
    ws.on('close', (code, reason) => {
      clearTimeout(timer)
      resolve({ protocol: ws.protocol, frames, close: { code, reason: reason.toString() } })
    })
  })
}

const serverText = (records: readonly FrameRecord[]): string[] =>
  records.filter((record) => record.kind === 'message' && record.dir === 'in').map((record) => (record.kind === 'message' ? record.data : ''))

describe('sandbox --replay', () => {
  it('serves the recorded frames in order to many clients at once, each with its own playback', async () => {
    const { records } = await record(null)
    const server = await startReplayServer(records, { speed: 16 })
    try {
      const results = await Promise.all(Array.from({ length: 5 }, (_, i) => collect(server.wsUrl, `jwt.token-of-client-${i}`)))
      for (const [i, result] of results.entries()) {
        // The recorded scheme (jwt.«redacted») is answered with the client's own offer.
        expect(result.protocol).toBe(`jwt.token-of-client-${i}`)
        expect(result.frames).toEqual(serverText(records).slice(0, result.frames.length))
        expect(result.frames.length).toBe(serverText(records).length)
      }
      expect(server.connections).toBe(5)
    } finally {
      await server.stop()
    }
  }, 60_000)

  it('answers a refused upgrade with the recorded status and body, and a server close as recorded', async () => {
    const refused = await record('readiness-refusal')
    const handshake = refused.records.find((entry) => entry.kind === 'handshake')
    const server = await startReplayServer(refused.records)
    try {
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const ws = new WebSocket(server.wsUrl)
        ws.on('unexpected-response', (_request, response) => {
          let body = ''
          response.on('data', (chunk: Buffer) => (body += chunk.toString()))
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
        })
        ws.on('error', reject)
      })
      expect(handshake?.kind === 'handshake' && handshake.ok).toBe(false)
      expect(answer.status).toBe(handshake?.kind === 'handshake' ? handshake.status : -1)
      expect(answer.body).toBe(handshake?.kind === 'handshake' ? handshake.body : null)
    } finally {
      await server.stop()
    }
  }, 60_000)

  for (const fault of [null, 'factory-failure', 'readiness-refusal', 'tcp-drop']) {
    it(`a probe against the replay of ${fault ?? 'a healthy session'} gives the recording's diagnosis`, async () => {
      const { sessionId, records } = await record(fault)
      const expected = replayReport(sessionId, records)
      const server = await startReplayServer(records, { speed: 4 })
      const backend = createBackend({ host: 'cli' })
      try {
        const result = await runProbe(backend, { environmentId: 'local', authMethod: 'none', message: 'Analyse my cloud costs', timeoutMs: 10_000, target: { wsUrl: server.wsUrl, httpBase: server.httpUrl, authBase: null } })
        expect({ verdict: result.verdict, top: result.findings[0]?.code, component: result.findings[0]?.component }).toEqual({
          verdict: expected.verdict,
          top: expected.findings[0]?.code,
          component: expected.findings[0]?.component
        })
      } finally {
        await backend.dispose()
        await server.stop()
      }
    }, 60_000)
  }
})
