import { describe, expect, it } from 'vitest'
import { createSessionModel } from '../session-model'
import { COMPONENTS } from './components'
import { diagnose } from './diagnose'
import { FAULT_SCENARIOS, cleanScenario } from './testing/fault-scenarios'

describe('diagnose', () => {
  it('a clean session: healthy, said plainly, every reachable component ok', () => {
    const { model, context } = cleanScenario()
    const diagnosis = diagnose(model, context)
    expect(diagnosis.summary).toBe(
      'Healthy: connected to Sandbox (ws://127.0.0.1:8000/ws) in 3.0 ms, the run completed with every critical event owed, the client closed normally. No problems found.'
    )
    const ok = COMPONENTS.filter((component) => diagnosis.components[component].status === 'ok')
    expect(ok).toEqual(COMPONENTS.filter((component) => !['tls', 'clickhouse'].includes(component)))
    expect(diagnosis.components.tls.sources).toEqual(['not used: plain ws:// / http:// connection'])
    expect(diagnosis.components['agent-bridge'].sources).toContain(
      'run run_1: every critical event owed arrived, in causal order'
    )
  })

  it('an empty session is not a verdict on anything', () => {
    const diagnosis = diagnose(createSessionModel('s'), { environmentKind: 'staging' })
    expect(diagnosis).toMatchObject({
      verdict: 'healthy',
      findings: [{ code: 'server.no-evidence', severity: 'info' }]
    })
    expect(Object.values(diagnosis.components).every((cell) => cell.status === 'unknown')).toBe(true)
  })

  it('the summary says what, where and what next, in one paragraph', () => {
    const { model, context } = FAULT_SCENARIOS['readiness-refusal']()
    const { summary } = diagnose(model, context)
    expect(summary).toMatch(
      /^Failing — Database \(Postgres\): The server refused connections: database_postgres not ready\. /
    )
    expect(summary).toMatch(/Next: Check database_postgres/)
    expect(summary).not.toMatch(/\n/)
  })

  it("a failing component's cell lists the findings and the health sources it was judged from", () => {
    const { model, context } = FAULT_SCENARIOS['database-down']()
    const cell = diagnose(model, context).components.database
    expect(cell.status).toBe('failing')
    expect(cell.findingCodes).toEqual(['database.pipeline-failure', 'database.health-failing'])
    expect(cell.sources).toEqual(
      expect.arrayContaining([
        '/ws/health critical_services.database_postgres: failed (connection refused: 127.0.0.1:5432)',
        '/health/ready not ready: Critical service failed: database_postgres (Critical service failed: database_postgres)'
      ])
    )
  })

  it('points every evidence item that came from a record at that record', () => {
    const { model, context } = FAULT_SCENARIOS['cross-user-leak']()
    const seqs = new Set(model.records.map((record) => record.seq))
    for (const finding of diagnose(model, context).findings)
      for (const item of finding.evidence) if (item.seq !== undefined) expect(seqs.has(item.seq)).toBe(true)
  })
})
