/**
 * Child process: the backend alone (no reducer: that is the renderer's) receiving a flood of
 * `frames` frames from the flood server at `wsUrl`, every push serialised as the web host sends it
 * (`eventFrame`).
 * Prints `{"peakRssMb":…,"endRssMb":…,"baseRssMb":…,"records":…}` and exits.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getHeapSpaceStatistics } from 'node:v8'
import { createBackend } from '../src/main/backend/create-backend'
import { serialisedRecordsPush } from '../src/main/sessions/records-push'
import { eventFrame } from '../src/main/web/event-frame'

async function main(wsUrl: string, frames: number): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'netra-bench-mem-'))
  const backend = createBackend({ host: 'cli', dataDir, preflight: null })
  const mb = (): number => process.memoryUsage().rss / 1024 / 1024
  const baseRssMb = mb()
  const baseUsage = process.memoryUsage()
  const baseHeldMb = (baseUsage.heapUsed + baseUsage.arrayBuffers) / 1024 / 1024
  let peakRssMb = baseRssMb
  let records = 0
  // MAIN_MEMORY_TRACE=FILE: a timeline of where the memory is (for finding what the RSS consists of).
  const tracePath = process.env.MAIN_MEMORY_TRACE
  const trace: Array<Record<string, number>> = []
  const started = Date.now()
  const sample = (): void => {
    const usage = process.memoryUsage()
    const row: Record<string, number> = { ms: Date.now() - started, records, rss: usage.rss, heapTotal: usage.heapTotal, heapUsed: usage.heapUsed, external: usage.external, arrayBuffers: usage.arrayBuffers }
    for (const space of getHeapSpaceStatistics()) row[space.space_name] = space.space_size
    // Linux: how much of the RSS is the malloc heap (where Buffers' memory lives) and how much anonymous mappings (V8's pages, big mallocs).
    if (trace.length % 10 === 0) {
      try {
        const maps = readFileSync('/proc/self/smaps', 'utf8').split('\n')
        let current = ''
        let mallocHeap = 0
        let anon = 0
        for (const line of maps) {
          if (/^[0-9a-f]+-[0-9a-f]+ /.test(line)) current = line
          else if (line.startsWith('Rss:')) {
            const kb = Number(line.split(/\s+/)[1]) * 1024
            if (current.endsWith('[heap]')) mallocHeap += kb
            else if (/ 00:00 0\s*$/.test(current)) anon += kb
          }
        }
        row.mallocHeap = mallocHeap
        row.anonMaps = anon
      } catch {
        // not Linux
      }
    }
    trace.push(row)
  }
  const sampler = setInterval(() => {
    peakRssMb = Math.max(peakRssMb, mb())
    if (tracePath) sample()
  }, 50)
  let onOpen: () => void = () => undefined
  let onDone: () => void = () => undefined
  const opened = new Promise<void>((resolve) => (onOpen = resolve))
  const finished = new Promise<void>((resolve) => (onDone = resolve))
  backend.subscribe((event, payload) => {
    if (event !== 'session.records') return
    // What the web host sends for this push; its text is read, never the records (that is the renderer's part).
    const text = eventFrame(event, payload)
    records += serialisedRecordsPush(payload)?.count ?? (payload as { records: unknown[] }).records.length
    const has = (needle: string): boolean => text.includes(needle)
    if (has('"kind":"handshake"') && has('"ok":true')) onOpen()
    // The flood's last frame, as it appears escaped inside the push's JSON.
    if (has('{\\"type\\":\\"flood_complete\\"')) onDone()
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
  if (tracePath) {
    sample()
    writeFileSync(tracePath, JSON.stringify(trace))
  }
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
