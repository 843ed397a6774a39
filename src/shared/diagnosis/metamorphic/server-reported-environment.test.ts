import { describe, expect, it } from 'vitest'
import { classifyUrl } from '../../environments'
import { PREFLIGHT_NAMES } from '../preflight-vocabulary'
import { createChooser } from './chooser'
import { faultCases, healthyCases } from './metamorphic-cases'
import { FORWARDED_ENVIRONMENT, serverReportedEnvironment } from './server-reported-environment'
import { wireReadings } from './wire-readings'

describe('staging behind a port-forward', () => {
  const healthy = healthyCases().find((c) => c.key === 'healthy@beta-10/insufficient')?.records ?? []

  it('the URL says local; /health/ready, /ws/config and the auth /health say staging; so does the accepted token', () => {
    const after = serverReportedEnvironment.apply(healthy, createChooser(1))
    const start = after.find((record) => record.kind === 'session-start')
    expect(start && classifyUrl(start.url).kind).toBe('local')
    expect(start?.environment.kind).toBe('local')
    const reported = Object.fromEntries(after.flatMap((record) => (record.kind === 'preflight' && record.check === 'http' ? [[record.name, (record.detail.body as { environment?: string }).environment]] : [])))
    expect(reported[PREFLIGHT_NAMES.ready]).toBe(FORWARDED_ENVIRONMENT)
    expect(reported[PREFLIGHT_NAMES.wsConfig]).toBe(FORWARDED_ENVIRONMENT)
    expect(reported[PREFLIGHT_NAMES.authHealth]).toBe(FORWARDED_ENVIRONMENT)
    expect(after.find((record) => record.kind === 'token')).toMatchObject({ claims: { env: FORWARDED_ENVIRONMENT } })
    expect(after.map((record) => record.seq)).toEqual(after.map((_, i) => i))
  })

  it('leaves every frame on the WebSocket as it was', () => {
    const strip = (records: typeof healthy) => wireReadings(records).map(({ seq: _s, ...rest }) => rest)
    expect(strip(serverReportedEnvironment.apply(healthy, createChooser(1)))).toEqual(strip(healthy))
  })

  it('keeps the claim of a token the server refused as being from another environment', () => {
    const wrongEnv = faultCases().find((c) => c.key === 'wrong-env')?.records ?? []
    const before = wrongEnv.find((record) => record.kind === 'token')
    expect(serverReportedEnvironment.apply(wrongEnv, createChooser(1)).find((record) => record.kind === 'token')).toMatchObject({ claims: { env: before?.kind === 'token' ? before.claims.env : null } })
  })
})
