import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { ContractBackend } from '../../shared/api/contract'
import type { FrameRecord } from '../../shared/api/frame-record'
import { buildFlood } from '../../shared/protocol/client-messages'
import { createBackend } from '../backend/create-backend'
import { startWebHost, type WebHost } from './web-host'
import { until } from '../testing/until'

let backend: ContractBackend | null = null
let host: WebHost | null = null
let client: WebSocket | null = null
let dataDir: string | null = null
afterEach(async () => {
  client?.terminate()
  await host?.close()
  await backend?.dispose()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  backend = host = client = dataDir = null
})

/** Bounded for `npm test`; the benchmark floods 1 M frames through the same path. */
const FRAMES = 20_000

describe('session records pushed through the web host', () => {
  it('reach a browser client as text frames of plain JSON, every record once, in order, equal to the log', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'netra-web-records-'))
    backend = createBackend({ host: 'web', dataDir, sandbox: { stepDelayMs: 1 }, preflight: null })
    host = await startWebHost({ backend, rendererDir: join(dataDir, 'no-renderer'), port: 0, log: () => undefined })
    const socket = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`, { origin: `http://127.0.0.1:${host.port}` })
    client = socket
    await new Promise((resolve, reject) => {
      socket.once('open', resolve)
      socket.once('error', reject)
    })
    const pushed: FrameRecord[] = []
    const problems: string[] = []
    socket.on('message', (data, isBinary) => {
      if (isBinary) problems.push('a binary frame')
      const text = (data as Buffer).toString('utf8')
      const frame = JSON.parse(text) as { event: string; payload: { sessionId: string; records: FrameRecord[] } }
      if (frame.event !== 'session.records') return
      // Exactly what JSON.stringify of the parsed frame gives: nothing the renderer could read differently.
      if (JSON.stringify(frame) !== text) problems.push(`push ${pushed.length} is not canonical JSON`)
      pushed.push(...frame.payload.records)
    })

    const { sessionId } = await backend.handlers['session.connect']({ environmentId: 'sandbox' })
    await until(() => pushed.some((record) => record.kind === 'handshake'), 15_000)
    await backend.handlers['session.send']({ sessionId, text: buildFlood(FRAMES), mode: 'raw' })
    await until(() => pushed.some((record) => record.kind === 'message' && record.data.includes('"flood_complete"')), 120_000)
    await backend.handlers['session.disconnect']({ sessionId })
    await until(() => pushed.some((record) => record.kind === 'close'), 15_000)

    expect(problems).toEqual([])
    expect(pushed.map((record) => record.seq)).toEqual(pushed.map((_, i) => i))
    expect(pushed.filter((record) => record.kind === 'message' && record.data.startsWith('{"type":"stream_chunk"'))).toHaveLength(FRAMES)
    const backlog = await backend.handlers['session.records']({ sessionId, fromSeq: 0 })
    expect(backlog.records).toEqual(pushed)
  }, 150_000)
})
