/**
 * Child process: the backend alone (no reducer: that is the renderer's) receiving a flood of
 * `frames` frames from the flood server at `wsUrl`, every push serialised as the web host does.
 * Prints `{"peakRssMb":…,"endRssMb":…,"baseRssMb":…,"records":…}` and exits.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FrameRecord } from '../src/shared/api/frame-record'
import { createBackend } from '../src/main/backend/create-backend'

async function main(wsUrl: string, frames: number): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'netra-bench-mem-'))
  const backend = createBackend({ host: 'cli', dataDir, preflight: null })
  const mb = (): number => process.memoryUsage().rss / 1024 / 1024
  const baseRssMb = mb()
  const baseUsage = process.memoryUsage()
  const baseHeldMb = (baseUsage.heapUsed + baseUsage.arrayBuffers) / 1024 / 1024
  let peakRssMb = baseRssMb
  const sampler = setInterval(() => (peakRssMb = Math.max(peakRssMb, mb())), 50)
  let records = 0
  let onOpen: () => void = () => undefined
  let onDone: () => void = () => undefined
  const opened = new Promise<void>((resolve) => (onOpen = resolve))
  const finished = new Promise<void>((resolve) => (onDone = resolve))
  backend.subscribe((event, payload) => {
    if (event !== 'session.records') return
    JSON.stringify({ event, payload })
    for (const record of (payload as { records: FrameRecord[] }).records) {
      records++
      if (record.kind === 'handshake' && record.ok) onOpen()
      if (record.kind === 'message' && record.dir === 'in' && record.data.startsWith('{"type":"flood_complete"')) onDone()
    }
  })
  const { sessionId } = await backend.handlers['session.connect']({ environmentId: 'local', authMethod: 'none', target: { wsUrl, httpBase: null, authBase: null } })
  await opened
  await backend.handlers['session.send']({ sessionId, text: JSON.stringify({ type: 'flood', payload: { count: frames } }), mode: 'raw' })
  await finished
  peakRssMb = Math.max(peakRssMb, mb())
  // The session stays live: what it keeps now is what a long session keeps.
  await new Promise((resolve) => setTimeout(resolve, 500))
  global.gc?.()
  const endRssMb = mb()
  const usage = process.memoryUsage()
  clearInterval(sampler)
  // Heap and buffers actually held after a full GC: what the session keeps, apart from pages V8 has not returned yet.
  const heldMb = (usage.heapUsed + usage.arrayBuffers) / 1024 / 1024
  process.stdout.write(`${JSON.stringify({ baseRssMb, baseHeldMb, peakRssMb, endRssMb, heldMb, records })}\n`)
  await backend.dispose()
  rmSync(dataDir, { recursive: true, force: true })
  process.exit(0)
}

void main(process.argv[2], Number(process.argv[3])).catch((error: unknown) => {
  process.stderr.write(`main-memory: ${error instanceof Error ? error.stack : String(error)}\n`)
  process.exit(1)
})
