import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { EnvironmentStore } from './environment-store'
import { testTempDir } from '../testing/temp-dir'

const fresh = (): { dir: string; store: EnvironmentStore } => {
  const dir = testTempDir('netra-env-')
  return { dir, store: new EnvironmentStore(dir) }
}

describe('EnvironmentStore', () => {
  it('starts with the built-ins and their defaults (PROTOCOL.md §1)', () => {
    const { store } = fresh()
    const list = store.list()
    expect(list.map((environment) => environment.id)).toEqual(['sandbox', 'local', 'staging', 'production'])
    expect(list.find((environment) => environment.id === 'production')).toMatchObject({
      wsUrl: 'wss://api.netrasystems.ai/ws',
      authBase: 'https://auth.netrasystems.ai',
      retries: { attempts: 3, delayMs: 1000 },
      sla: { dataProcessingMs: 5000, reportAfterDataMs: 2000, fullAnswerMs: 60_000 },
      subprotocolStyle: 'jwt',
      expectedGeneration: null,
      builtIn: true,
      customized: false
    })
    expect(list.find((environment) => environment.id === 'local')?.retries.attempts).toBe(1)
  })

  it('creates a custom environment: kind detected from the URL, HTTP base derived, id from the name', () => {
    const { dir, store } = fresh()
    const created = store.save({ name: 'Old staging', wsUrl: 'wss://staging.netrasystems.ai/api/v1/websocket' })
    expect(created).toMatchObject({ id: 'old-staging', kind: 'staging', httpBase: 'https://staging.netrasystems.ai', authBase: null, retries: { attempts: 3 }, builtIn: false })
    expect(store.save({ name: 'Old staging', wsUrl: 'ws://127.0.0.1:9/ws' })).toMatchObject({ id: 'old-staging-2', kind: 'local' })
    // Another host (a new store on the same folder) sees both.
    expect(new EnvironmentStore(dir).list().map((environment) => environment.id)).toContain('old-staging-2')
  })

  it('updates only the given fields; a new URL re-detects the kind unless one is named', () => {
    const { store } = fresh()
    store.save({ id: 'mine', name: 'Mine', wsUrl: 'wss://netra.example.com/ws', sla: { fullAnswerMs: 30_000 } })
    const moved = store.save({ id: 'mine', wsUrl: 'wss://api.netrasystems.ai/ws' })
    expect(moved).toMatchObject({ name: 'Mine', kind: 'production', sla: { fullAnswerMs: 30_000, dataProcessingMs: 5000 } })
    expect(store.save({ id: 'mine', kind: 'custom', expectedGeneration: 'beta-17' })).toMatchObject({ kind: 'custom', expectedGeneration: 'beta-17' })
  })

  it('stores edits of a built-in as overrides, and reset drops them', () => {
    const { dir, store } = fresh()
    const edited = store.save({ id: 'staging', retries: { attempts: 5, delayMs: 200 }, sla: { reportAfterDataMs: 3000 } })
    expect(edited).toMatchObject({ kind: 'staging', customized: true, retries: { attempts: 5 }, sla: { reportAfterDataMs: 3000, fullAnswerMs: 60_000 } })
    expect(JSON.parse(readFileSync(join(dir, 'environments.json'), 'utf8')).overrides.staging).toEqual({ retries: { attempts: 5, delayMs: 200 }, sla: { reportAfterDataMs: 3000 } })
    expect(store.reset('staging')).toMatchObject({ customized: false, retries: { attempts: 3, delayMs: 1000 } })
    expect(store.list().find((environment) => environment.id === 'staging')?.customized).toBe(false)
  })

  it("refuses to remove a built-in, to change its kind, or to edit the sandbox's URLs", () => {
    const { store } = fresh()
    expect(() => store.remove('production')).toThrow(/built-in environment: it cannot be removed/)
    expect(() => store.save({ id: 'production', kind: 'staging' })).toThrow(/always production/)
    expect(() => store.save({ id: 'sandbox', wsUrl: 'ws://127.0.0.1:1/ws' })).toThrow(/sandbox's URLs/)
    expect(store.save({ id: 'sandbox', authMethod: 'header' })).toMatchObject({ authMethod: 'header', wsUrl: null })
    expect(() => store.remove('nope')).toThrow(/no environment with id nope/)
    expect(() => store.save({ name: 'no url' })).toThrow(/needs at least a name and a wsUrl/)
  })

  it('writes atomically: no temp files left, mode 0600', () => {
    const { dir, store } = fresh()
    for (let i = 0; i < 5; i++) store.save({ name: `e${i}`, wsUrl: `ws://localhost:${8000 + i}/ws` })
    expect(readdirSync(dir)).toEqual(['environments.json'])
    expect(statSync(join(dir, 'environments.json')).mode & 0o777).toBe(0o600)
  })

  it('keeps a corrupt file as environments.json.corrupt-<ts>, uses defaults and names the file', () => {
    const { dir, store } = fresh()
    const original = '{"version":1,"custom":[{"id":"keep-me", oops'
    writeFileSync(join(dir, 'environments.json'), original)
    expect(store.list().map((environment) => environment.id)).toEqual(['sandbox', 'local', 'staging', 'production'])
    expect(store.loadError).toMatch(new RegExp(`${dir.replace(/[/\\]/g, '.')}.environments\\.json was unusable \\(not valid JSON`))
    const aside = readdirSync(dir).find((name) => name.startsWith('environments.json.corrupt-')) as string
    expect(readFileSync(join(dir, aside), 'utf8')).toBe(original)
    // Saving afterwards starts a new file and leaves the kept one alone.
    store.save({ name: 'after', wsUrl: 'ws://localhost:1/ws' })
    expect(readFileSync(join(dir, aside), 'utf8')).toBe(original)
    expect(store.loadError).toMatch(/was unusable/)
  })

  it('keeps fields it does not know (a newer version wrote them) when it rewrites the file', () => {
    const { dir, store } = fresh()
    store.save({ name: 'A', wsUrl: 'ws://localhost:1/ws' })
    const file = join(dir, 'environments.json')
    const data = JSON.parse(readFileSync(file, 'utf8'))
    data.custom[0].futureField = { x: 1 }
    data.futureTop = true
    writeFileSync(file, JSON.stringify(data))
    store.save({ name: 'B', wsUrl: 'ws://localhost:2/ws' })
    const after = JSON.parse(readFileSync(file, 'utf8'))
    expect(after.futureTop).toBe(true)
    expect(after.custom[0].futureField).toEqual({ x: 1 })
    expect(store.list().find((environment) => environment.id === 'a')).not.toHaveProperty('futureField')
  })

  it('keeps settings in memory when there is no data folder', () => {
    const store = new EnvironmentStore(null)
    store.save({ name: 'Temp', wsUrl: 'ws://localhost:1/ws' })
    expect(store.file).toBeNull()
    expect(store.list().some((environment) => environment.id === 'temp')).toBe(true)
  })
})
