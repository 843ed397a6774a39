import { afterEach, describe, expect, it } from 'vitest'
import type { FrameRecord } from '../../shared/api/frame-record'
import { PREFLIGHT_NAMES } from '../../shared/diagnosis/preflight-vocabulary'
import { createBackend } from '../../main/backend/create-backend'
import { startSandbox } from '../../main/sandbox'
import { deriveHttpBase } from './derive-http-base'
import { runProbe } from './run-probe'

const cleanups: Array<() => Promise<unknown>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

type Preflight = Extract<FrameRecord, { kind: 'preflight' }>

describe('staging behind a port-forward on 127.0.0.1: the server\'s own word reaches the evidence', () => {
  it('records the environment that /ws/config and the auth service report, whatever the URL suggests', async () => {
    // A staging server forwarded to loopback (kubectl port-forward): the URL says "local", the server says "staging".
    const sandbox = await startSandbox({ stepDelayMs: 1, environment: 'staging' })
    const backend = createBackend({ host: 'cli', resolveToken: () => sandbox.mintToken() })
    cleanups.push(() => sandbox.stop(), () => backend.dispose())
    const result = await runProbe(backend, {
      environmentId: 'local',
      message: 'Analyse my cloud costs',
      timeoutMs: 10_000,
      target: { wsUrl: sandbox.wsUrl, httpBase: deriveHttpBase(sandbox.wsUrl), authBase: sandbox.authUrl },
      httpBaseDerived: true
    })
    expect(result.environment).toBe('ad-hoc:127.0.0.1')
    expect(result.handshake.status).toBe(101)
    const { records } = await backend.handlers['session.records']({ sessionId: result.sessionId, fromSeq: 0 })
    const preflight = new Map(records.filter((record): record is Preflight => record.kind === 'preflight').map((record) => [record.name, record]))
    expect(records.find((record) => record.kind === 'session-start')).toMatchObject({ environment: { kind: 'local' } })
    expect(preflight.get(PREFLIGHT_NAMES.wsConfig)).toMatchObject({ ok: true, status: 200, detail: { body: { environment: 'staging' } } })
    expect(preflight.get(PREFLIGHT_NAMES.authHealth)).toMatchObject({ ok: true, detail: { body: { environment: 'staging' } } })
    expect(preflight.get(PREFLIGHT_NAMES.wsHealth)).toMatchObject({ ok: true, detail: { body: { status: 'healthy' } } })
  }, 30_000)
})
