/**
 * Benchmarks, reported as ratios against a baseline measured in the same run on the same data:
 *   1. ingest: our session pipeline (record, redact, batch) vs a raw `ws` client, on a sandbox flood;
 *   2. reduce: the shared reducer `applyRecords` vs bare `JSON.parse` of the same frames.
 * Ratios, not absolute times, are what to compare across machines. Run with `npm run bench`.
 */
import { performance } from 'node:perf_hooks'
import WebSocket from 'ws'
import type { FrameRecord } from '../src/shared/api/frame-record'
import { buildFlood } from '../src/shared/protocol/client-messages'
import { applyRecords, createSessionModel } from '../src/shared/session-model'
import { createBackend } from '../src/main/backend/create-backend'
import { startSandbox, type Sandbox } from '../src/main/sandbox'

const FRAMES = Number(process.env.BENCH_FRAMES ?? 100_000)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)

async function rawWsFlood(sandbox: Sandbox): Promise<number> {
  const token = await sandbox.mintToken()
  const socket = new WebSocket(sandbox.wsUrl, [`jwt.${Buffer.from(token).toString('base64url')}`], { perMessageDeflate: false })
  await new Promise((resolve, reject) => (socket.once('open', resolve), socket.once('error', reject)))
  const started = performance.now()
  await new Promise<void>((resolve) => {
    socket.on('message', (data) => {
      if (data.toString().includes('"flood_complete"')) resolve()
    })
    socket.send(buildFlood(FRAMES))
  })
  const elapsed = performance.now() - started
  socket.close()
  return elapsed
}

async function pipelineFlood(): Promise<{ ms: number; records: FrameRecord[] }> {
  const backend = createBackend({ host: 'cli' })
  const records: FrameRecord[] = []
  let done: () => void = () => undefined
  const finished = new Promise<void>((resolve) => (done = resolve))
  let open: () => void = () => undefined
  const opened = new Promise<void>((resolve) => (open = resolve))
  backend.subscribe((event, payload) => {
    if (event !== 'session.records') return
    for (const record of (payload as { records: FrameRecord[] }).records) {
      records.push(record)
      if (record.kind === 'handshake') open()
      if (record.kind === 'message' && record.data.includes('"flood_complete"')) done()
    }
  })
  const { sessionId } = await backend.handlers['session.connect']({ environmentId: 'sandbox' })
  await opened
  const started = performance.now()
  await backend.handlers['session.send']({ sessionId, text: buildFlood(FRAMES), mode: 'raw' })
  await finished
  const ms = performance.now() - started
  await backend.dispose()
  return { ms, records }
}

function reduceBaseline(records: FrameRecord[]): number {
  const started = performance.now()
  let count = 0
  for (const record of records) if (record.kind === 'message') count += JSON.parse(record.data) ? 1 : 0
  if (count === 0) throw new Error('no frames parsed')
  return performance.now() - started
}

function reduceOurs(records: FrameRecord[]): number {
  const started = performance.now()
  // Apply in 50 ms-sized batches, as the UI receives them.
  let model = createSessionModel('bench')
  for (let i = 0; i < records.length; i += 2000) model = applyRecords(model, records.slice(i, i + 2000))
  if (model.rows.length !== records.length) throw new Error('reducer lost records')
  return performance.now() - started
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

async function main(): Promise<void> {
  const sandbox = await startSandbox()
  const raw: number[] = []
  const ours: number[] = []
  let records: FrameRecord[] = []
  for (let round = 0; round < ROUNDS; round++) {
    raw.push(await rawWsFlood(sandbox))
    const result = await pipelineFlood()
    ours.push(result.ms)
    records = result.records
  }
  await sandbox.stop()
  const parse = Array.from({ length: ROUNDS }, () => reduceBaseline(records))
  const reduce = Array.from({ length: ROUNDS }, () => reduceOurs(records))

  const rows = [
    ['ingest (flood → records)', 'raw ws client', median(raw), median(ours)],
    ['reduce (records → model)', 'JSON.parse only', median(parse), median(reduce)]
  ] as const
  console.log(`frames: ${FRAMES}, rounds: ${ROUNDS} (medians)\n`)
  console.log('benchmark                  baseline          baseline ms   ours ms   ratio')
  for (const [name, baseline, base, mine] of rows) {
    console.log(`${name.padEnd(27)}${baseline.padEnd(18)}${base.toFixed(1).padStart(11)}${mine.toFixed(1).padStart(10)}${(mine / base).toFixed(2).padStart(8)}×`)
  }
}

void main()
