import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import WebSocket from 'ws'
import type { FrameRecord } from '../src/shared/api/frame-record'
import { applyRecords, createSessionModel, type SessionModel } from '../src/shared/session-model'
import { createBackend } from '../src/main/backend/create-backend'
import { eventFrame } from '../src/main/web/event-frame'

const FLOOD = (count: number): string => JSON.stringify({ type: 'flood', payload: { count } })
const isComplete = (text: string): boolean => text.startsWith('{"type":"flood_complete"')

/** Baseline: a raw `ws` client that JSON.parses every frame, nothing else. Returns ms from request to flood_complete. */
export async function rawWsFlood(wsUrl: string, frames: number): Promise<number> {
  const socket = new WebSocket(wsUrl, { perMessageDeflate: false })
  await new Promise((resolve, reject) => {
    socket.once('open', resolve)
    socket.once('error', reject)
  })
  let parsed = 0
  const started = performance.now()
  await new Promise<void>((resolve, reject) => {
    socket.on('error', reject)
    socket.on('message', (data) => {
      const text = (data as Buffer).toString('utf8')
      if ((JSON.parse(text) as { type: string }).type) parsed++
      if (isComplete(text)) resolve()
    })
    socket.send(FLOOD(frames))
  })
  const ms = performance.now() - started
  socket.close()
  if (parsed !== frames + 1) throw new Error(`baseline saw ${parsed} frames of ${frames + 1}`)
  return ms
}

/** What a pipeline run measured. */
export type PipelineRun = {
  ms: number
  /** Time spent in the renderer's reducer, all batches. */
  reducerMs: number
  pushes: number
  records: number
  /** The recording the run wrote (kept only when asked). */
  recording: string | null
  recordingBytes: number
}

/**
 * The app's whole pipeline: a backend session receiving the flood (stamping, redacting,
 * recording to disk, batching pushes), each push serialised as the web host sends it and parsed
 * back as the renderer does, and the renderer's reducer `applyRecords` folding every pushed batch. All on this one thread, so the
 * reducer competes with the backend for it (in the app it runs in the renderer process).
 */
export async function pipelineFlood(wsUrl: string, frames: number, keepRecording: boolean): Promise<PipelineRun> {
  const dataDir = mkdtempSync(join(tmpdir(), 'netra-bench-'))
  const backend = createBackend({ host: 'cli', dataDir, preflight: null })
  // The renderer's configuration (src/renderer/src/stores/sessions-slice.ts): rows for every record, no full records.
  let model: SessionModel = createSessionModel('bench', { retainRecords: false })
  let reducerMs = 0
  let pushes = 0
  let records = 0
  let serialisedBytes = 0
  let onOpen: () => void = () => undefined
  let onDone: () => void = () => undefined
  const opened = new Promise<void>((resolve) => (onOpen = resolve))
  const finished = new Promise<void>((resolve) => (onDone = resolve))
  backend.subscribe((event, payload) => {
    if (event !== 'session.records') return
    // What the web host sends for every push (serialised by the batcher as the records arrived) ...
    serialisedBytes += eventFrame(event, payload).length
    // ... and what the renderer parses it back into.
    const batch = (payload as { records: FrameRecord[] }).records
    const started = performance.now()
    model = applyRecords(model, batch)
    reducerMs += performance.now() - started
    pushes++
    records += batch.length
    for (const record of batch) {
      if (record.kind === 'handshake' && record.ok) onOpen()
      if (record.kind === 'message' && record.dir === 'in' && isComplete(record.data)) onDone()
    }
  })
  try {
    const { sessionId } = await backend.handlers['session.connect']({ environmentId: 'local', authMethod: 'none', target: { wsUrl, httpBase: null, authBase: null } })
    await opened
    const started = performance.now()
    await backend.handlers['session.send']({ sessionId, text: FLOOD(frames), mode: 'raw' })
    await finished
    const ms = performance.now() - started
    if (model.stats.framesIn < frames + 1) throw new Error(`pipeline model holds ${model.stats.framesIn} frames of ${frames + 1}`)
    await backend.handlers['session.disconnect']({ sessionId })
    await backend.dispose()
    const dir = join(dataDir, 'recordings')
    const recording = join(dir, readdirSync(dir)[0])
    const recordingBytes = statSync(recording).size
    if (serialisedBytes === 0) throw new Error('nothing was pushed')
    if (!keepRecording) rmSync(dataDir, { recursive: true, force: true })
    return { ms, reducerMs, pushes, records, recording: keepRecording ? recording : null, recordingBytes }
  } catch (error) {
    await backend.dispose()
    rmSync(dataDir, { recursive: true, force: true })
    throw error
  }
}
