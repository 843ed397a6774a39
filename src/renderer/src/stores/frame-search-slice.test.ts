// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import { createFakeContractClient } from '../test-support/fake-contract-client'
import { STARTUP_HANDLERS } from '../test-support/sandbox-fixtures'
import { createAppStore } from './create-app-store'

describe('frame search slice', () => {
  it('drops the old matches as soon as the query, mode or direction changes (never steps through a stale search)', () => {
    const store = createAppStore(createFakeContractClient({ ...STARTUP_HANDLERS }).client)
    const withMatches = (): void => store.setState({ searchMatches: [11, 15, 23] })

    withMatches()
    store.getState().setSearch('cloud costs', 'plain')
    expect(store.getState().searchMatches).toBeNull()

    withMatches()
    store.getState().setSearch('cloud costs', 'plain') // the same search: its matches stay
    expect(store.getState().searchMatches).toEqual([11, 15, 23])
    store.getState().setSearch('cloud costs', 'regex')
    expect(store.getState().searchMatches).toBeNull()

    withMatches()
    store.getState().setSearchDirection('any')
    expect(store.getState().searchMatches).toEqual([11, 15, 23])
    store.getState().setSearchDirection('out')
    expect(store.getState().searchMatches).toBeNull()
  })
})
