import { afterEach, describe, expect, it } from 'vitest'
import type { ContractBackend } from '../../shared/api/contract'
import { CROSS_USER_EVENT_CODE } from '../../shared/isolation'
import { createBackend } from '../backend/create-backend'
import { MemoryKeychain } from '../credentials/memory-keychain'
import { runIsolationCheck } from './run-isolation-check'

let backend: ContractBackend | null = null

function sandboxBackend(faults: string[] = []): ContractBackend {
  backend = createBackend({ host: 'cli', keychain: new MemoryKeychain(), preflight: null, sandbox: { stepDelayMs: 2, faults } })
  return backend
}

afterEach(async () => {
  await backend?.dispose()
  backend = null
})

describe('runIsolationCheck against the real sandbox', () => {
  it('finds no leak between 20 concurrent healthy users', async () => {
    const result = await runIsolationCheck(sandboxBackend(), { environmentId: 'sandbox', users: 20, message: 'Analyse my cloud costs', timeoutMs: 30_000 })
    expect(result.sessions).toHaveLength(20)
    const users = new Set(result.report.participants.map((participant) => participant.userId))
    expect(users.size).toBe(20)
    for (const session of result.sessions) {
      expect(session.timedOut).toBe(false)
      expect(session.model.runs.length).toBeGreaterThan(0)
    }
    expect(result.report.leaks).toEqual([])
    expect(result.report.matrix.flat().every((count) => count === 0)).toBe(true)
    expect(result.report.unowned).toEqual(new Array(20).fill(0))
  }, 60_000)

  it('catches the cross-user-leak fault: each leaked event names its owner and both frames', async () => {
    const result = await runIsolationCheck(sandboxBackend(['cross-user-leak']), { environmentId: 'sandbox', users: 3, message: 'Analyse my cloud costs', timeoutMs: 30_000 })
    const { report } = result
    expect(report.leaks.length).toBeGreaterThan(0)
    for (const leak of report.leaks) {
      expect(leak.confidence).toBe('certain')
      expect(leak.owner).not.toBeNull()
      expect(leak.owner).not.toBe(leak.receiver)
      // The owner's frame is a real frame of the owner's session, of the same run.
      const owner = result.sessions[leak.owner as number]
      const ownerRecord = owner.model.records.find((record) => record.seq === leak.ownerFrame?.seq)
      expect(ownerRecord?.kind).toBe('message')
      expect(owner.model.runs.map((run) => run.runId)).toContain(leak.runId)
      expect(leak.userId).toBe(report.participants[leak.owner as number].userId)
    }
    const total = report.matrix.flat().reduce((sum, count) => sum + count, 0)
    expect(total).toBe(report.leaks.length)
    expect(report.findings.every((finding) => finding.component === 'websocket-manager' && finding.code === CROSS_USER_EVENT_CODE)).toBe(true)
    expect(report.findings[0].evidence).toHaveLength(2)
  }, 60_000)

  it("calls a stranger's event 'likely' when it belongs to no session of the check", async () => {
    // Alone, the faulty sandbox sends this session an event of a user nobody here owns.
    const result = await runIsolationCheck(sandboxBackend(['cross-user-leak']), { environmentId: 'sandbox', users: 1, message: 'Analyse my cloud costs', timeoutMs: 30_000 })
    expect(result.report.leaks).toHaveLength(1)
    expect(result.report.leaks[0]).toMatchObject({ confidence: 'likely', owner: null, reason: 'user' })
    expect(result.report.unowned).toEqual([1])
    expect(result.report.findings[0].evidence).toHaveLength(1)
  }, 60_000)
})
