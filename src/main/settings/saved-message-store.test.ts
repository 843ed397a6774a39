import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ContractError } from '../../shared/api/contract'
import { MAX_SAVED_MESSAGES } from '../../shared/api/saved-message-schemas'
import { SAVED_MESSAGES_FILE, SavedMessageStore } from './saved-message-store'
import { testTempDir } from '../testing/temp-dir'

const fresh = (): { dir: string; store: SavedMessageStore } => {
  const dir = testTempDir('netra-saved-')
  return { dir, store: new SavedMessageStore(dir) }
}

const refusal = (act: () => unknown): ContractError => {
  try {
    act()
  } catch (error) {
    if (error instanceof ContractError) return error
    throw error
  }
  throw new Error('expected a ContractError')
}

describe('SavedMessageStore', () => {
  it('keeps messages per environment, by name, in saved-messages.json next to environments.json (0600)', () => {
    const { dir, store } = fresh()
    store.save('staging', { name: 'Costs', text: 'Analyse my cloud costs', mode: 'user_message' })
    store.save('staging', { name: 'Bad frame', text: '{"type":', mode: 'raw' })
    store.save('production', { name: 'Ping', text: '{"type":"ping"}', mode: 'raw' })

    expect(store.list('staging').map((message) => [message.name, message.mode])).toEqual([
      ['Bad frame', 'raw'],
      ['Costs', 'user_message']
    ])
    expect(store.list('production').map((message) => message.text)).toEqual(['{"type":"ping"}'])
    expect(store.list('local')).toEqual([])
    // Another host on the same folder sees them; the file is private and no temp file is left behind.
    expect(new SavedMessageStore(dir).list('staging')).toHaveLength(2)
    expect(statSync(join(dir, SAVED_MESSAGES_FILE)).mode & 0o777).toBe(0o600)
    expect(readdirSync(dir)).toEqual([SAVED_MESSAGES_FILE])
  })

  it('refuses a taken name (case and spaces aside) unless replacing, which keeps the id', () => {
    const { store } = fresh()
    const first = store.save('staging', { name: 'Costs', text: 'one', mode: 'user_message' })
    expect(refusal(() => store.save('staging', { name: ' costs ', text: 'two', mode: 'user_message' })).message).toMatch(/"Costs" already exists/)
    const replaced = store.save('staging', { name: 'costs', text: 'two', mode: 'raw', replace: true })
    expect(replaced.id).toBe(first.id)
    expect(store.list('staging')).toEqual([expect.objectContaining({ id: first.id, name: 'costs', text: 'two', mode: 'raw' })])
    // The same name in another environment is another message.
    expect(store.save('production', { name: 'Costs', text: 'three', mode: 'user_message' }).id).not.toBe(first.id)
  })

  it('renames (refusing a clash) and removes; an unknown id is not-found', () => {
    const { store } = fresh()
    const a = store.save('staging', { name: 'A', text: 'a', mode: 'user_message' })
    store.save('staging', { name: 'B', text: 'b', mode: 'user_message' })
    expect(refusal(() => store.rename('staging', a.id, 'b')).message).toMatch(/"B" already exists/)
    expect(store.rename('staging', a.id, 'C').name).toBe('C')
    expect(store.list('staging').map((message) => message.name)).toEqual(['B', 'C'])
    store.remove('staging', a.id)
    expect(store.list('staging').map((message) => message.name)).toEqual(['B'])
    expect(refusal(() => store.remove('staging', a.id)).code).toBe('not-found')
    expect(refusal(() => store.rename('production', a.id, 'X')).code).toBe('not-found')
  })

  it(`keeps at most ${MAX_SAVED_MESSAGES} per environment`, () => {
    const { store } = fresh()
    for (let i = 0; i < MAX_SAVED_MESSAGES; i++) store.save('local', { name: `m${i}`, text: 'x', mode: 'raw' })
    expect(refusal(() => store.save('local', { name: 'one more', text: 'x', mode: 'raw' })).message).toMatch(/already has 200/)
    // Replacing one is still allowed at the limit.
    expect(store.save('local', { name: 'm7', text: 'y', mode: 'raw', replace: true }).text).toBe('y')
  })

  it('moves an unreadable file aside, says so, and starts empty without losing it', () => {
    const { dir, store } = fresh()
    writeFileSync(join(dir, SAVED_MESSAGES_FILE), '{"version":1,"environments":{"staging":[{"id":1}]}}')
    expect(store.list('staging')).toEqual([])
    expect(store.loadError).toMatch(/was unusable .*kept it as saved-messages\.json\.corrupt-/)
    const aside = readdirSync(dir).find((name) => name.startsWith(`${SAVED_MESSAGES_FILE}.corrupt-`)) as string
    expect(readFileSync(join(dir, aside), 'utf8')).toContain('"id":1')
    store.save('staging', { name: 'fresh', text: 'x', mode: 'raw' })
    expect(store.list('staging')).toHaveLength(1)
  })

  it('lives in memory without a data folder', () => {
    const store = new SavedMessageStore(null)
    store.save('sandbox', { name: 'n', text: 't', mode: 'raw' })
    expect(store.file).toBeNull()
    expect(store.list('sandbox')).toHaveLength(1)
  })
})
