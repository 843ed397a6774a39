import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { ContractError, dispatch, type ContractBackend } from '../../../shared/api/contract'
import { createBackend } from '../../backend/create-backend'
import { readSessionLog } from '../read-session-log'
import { chromeHar } from './testing/har-fixtures'

const dir = mkdtempSync(join(tmpdir(), 'netra-har-handlers-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let backend: ContractBackend | null = null
afterEach(async () => {
  await backend?.dispose()
  backend = null
})

const TOKEN = 'query-token-for-the-handler-test'
const T0 = Date.parse('2026-12-01T10:00:00.000Z') / 1000

describe('recordings.har-entries and recordings.import-har through the contract', () => {
  it('lists redacted entries, imports the chosen one into <dataDir>/recordings, and refuses a bad file by name', async () => {
    const dataDir = join(dir, 'data')
    backend = createBackend({ host: 'cli', dataDir, sandbox: { stepDelayMs: 1 } })
    const har = join(dir, 'customer.har')
    const messages = [{ type: 'receive' as const, time: T0, opcode: 1, data: `{"echo":"${TOKEN}"}` }]
    writeFileSync(har, chromeHar([{ url: `wss://h/ws?token=${TOKEN}`, messages }, { url: 'wss://h/other', messages: [] }]))

    const listed = (await dispatch(backend.handlers, 'recordings.har-entries', { path: har })) as { entries: Array<{ index: number; url: string }> }
    expect(listed.entries.map((entry) => [entry.index, entry.url])).toEqual([
      [0, 'wss://h/ws?token=«redacted»'],
      [1, 'wss://h/other']
    ])
    expect(JSON.stringify(listed)).not.toContain(TOKEN)

    const refusal = await dispatch(backend.handlers, 'recordings.import-har', { path: har }).catch((error: unknown) => error)
    expect(refusal).toBeInstanceOf(ContractError)
    expect((refusal as ContractError).code).toBe('invalid-request')
    expect((refusal as ContractError).message).toContain('2 WebSocket entries; choose one')
    expect((refusal as ContractError).message).not.toContain(TOKEN)

    const imported = (await dispatch(backend.handlers, 'recordings.import-har', { path: har, entry: 0 })) as { path: string; records: number }
    expect(dirname(imported.path)).toBe(join(dataDir, 'recordings'))
    expect(imported.path).toMatch(/-har-customer-entry0-[0-9a-f]{6}\.ndjson$/)
    const { records } = await readSessionLog(imported.path)
    expect(records).toHaveLength(imported.records)
    expect(records.find((record) => record.kind === 'message')).toMatchObject({ data: '{"echo":"«redacted»"}' })
    expect(readFileSync(imported.path, 'utf8')).not.toContain(TOKEN)

    const notHar = join(dir, 'package.json')
    writeFileSync(notHar, '{"name":"x"}')
    await expect(dispatch(backend.handlers, 'recordings.har-entries', { path: notHar })).rejects.toThrow(`${notHar}: not a HAR file`)
    await expect(dispatch(backend.handlers, 'recordings.import-har', { path: '' })).rejects.toThrow('path is required')
  })
})
