import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { ContractBackend } from '../../../shared/api/contract'
import type { LibraryEntry } from '../../../shared/api/library-schemas'
import { createBackend } from '../../backend/create-backend'
import { MemoryKeychain } from '../../credentials/memory-keychain'
import { LIBRARY_INDEX_FILE } from './library-index'

const ENTRIES = 10_000
const dataDir = mkdtempSync(join(tmpdir(), 'netra-library-scale-'))
let backend: ContractBackend | null = null
afterAll(async () => {
  await backend?.dispose()
  rmSync(dataDir, { recursive: true, force: true })
})

/** An index of `ENTRIES` recordings (tiny files that exist, so the reconcile keeps them), as a year of use would leave. */
function writeLibrary(folder: string): void {
  mkdirSync(folder, { recursive: true })
  const entries: LibraryEntry[] = []
  for (let i = 0; i < ENTRIES; i++) {
    const path = join(folder, `r-${i}.ndjson`)
    writeFileSync(path, '{}\n')
    const { size, mtimeMs } = statSync(path)
    entries.push({
      id: `r-${i}.ndjson`,
      path,
      name: `Session ${i}`,
      sessionId: `s-${i.toString(16).padStart(8, '0')}`,
      environmentId: ['sandbox', 'staging', 'production'][i % 3],
      environmentName: ['Sandbox (embedded)', 'Staging', 'Production'][i % 3],
      url: 'wss://api.staging.netrasystems.ai/ws',
      startedAt: 1_764_582_000_000 + i * 60_000,
      durationMs: 1000 + i,
      recordCount: 40 + i,
      verdict: (['healthy', 'degraded', 'failing'] as const)[i % 3],
      topFinding:
        i % 3 === 0
          ? null
          : { component: ['database', 'redis', 'auth', 'llm'][i % 4], title: `Finding number ${i}` },
      sandboxFault: i % 11 === 0 ? 'database-down' : null,
      cutOff: i % 97 === 0,
      bytes: size,
      mtimeMs
    })
  }
  writeFileSync(join(folder, LIBRARY_INDEX_FILE), JSON.stringify({ version: 1, entries }))
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

describe('the library at 10 000 recordings', () => {
  it('lists, filters and pages in the backend from the index (timings printed, not asserted)', async () => {
    writeLibrary(join(dataDir, 'recordings'))
    const opened = performance.now()
    backend = createBackend({ host: 'cli', dataDir, keychain: new MemoryKeychain(), preflight: null })
    const createMs = performance.now() - opened
    const list = backend.handlers['library.list']
    const queries = {
      'first page (100)': {},
      'page 50 of 100': { offset: 5_000, limit: 100 },
      'text "database-down"': { text: 'database-down' },
      'verdict + component': { verdict: 'failing' as const, component: 'redis' },
      'environment + text': { environmentId: 'staging', text: 'finding 77' }
    }
    const timings: Record<string, number> = {}
    for (const [label, query] of Object.entries(queries)) {
      const runs: number[] = []
      for (let i = 0; i < 15; i++) {
        const t0 = performance.now()
        await list(query)
        runs.push(performance.now() - t0)
      }
      timings[label] = Math.round(median(runs) * 100) / 100
    }
    console.info(
      `library.list over ${ENTRIES} entries, median ms: ${JSON.stringify(timings)}; createBackend (index read) ${createMs.toFixed(1)} ms`
    )

    const all = await list({})
    expect(all.total).toBe(ENTRIES)
    expect(all.entries).toHaveLength(100)
    expect(all.entries[0].id).toBe(`r-${ENTRIES - 1}.ndjson`)
    expect((await list({ text: 'database-down' })).total).toBe(Math.ceil(ENTRIES / 11))
    const failingRedis = await list({ verdict: 'failing', component: 'redis' })
    expect(
      failingRedis.entries.every(
        (entry) => entry.verdict === 'failing' && entry.topFinding?.component === 'redis'
      )
    ).toBe(true)
    expect(failingRedis.total).toBe(
      [...Array(ENTRIES).keys()].filter((i) => i % 3 === 2 && i % 4 === 1).length
    )
    expect((await list({ offset: 9_990, limit: 100 })).entries).toHaveLength(10)
    expect(all.facets.components).toEqual(['auth', 'database', 'llm', 'redis'])
  }, 60_000)
})
