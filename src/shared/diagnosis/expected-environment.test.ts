import { describe, expect, it } from 'vitest'
import type { PreflightRecord } from '../api/frame-record'
import { environmentIn, resolveExpectedEnvironment } from './expected-environment'
import { PREFLIGHT_NAMES } from './preflight-vocabulary'

let seq = 0
const http = (name: string, body: unknown, status = 200): PreflightRecord => ({
  seq: seq++,
  t: 0,
  dir: 'local',
  kind: 'preflight',
  check: 'http',
  name,
  target: `http://127.0.0.1:8000${name}`,
  ok: status < 400,
  ms: 2,
  status,
  detail: { body },
  error: null
})

describe('the expected environment: the server\'s word > the configured expectation > the URL guess', () => {
  it('reads `environment` from /health/ready, /ws/config (top level or nested) and the auth service, and says who said it', () => {
    expect(resolveExpectedEnvironment([http(PREFLIGHT_NAMES.ready, { status: 'ready', environment: 'staging' })], null, undefined, 'local')).toMatchObject({
      env: 'staging',
      source: 'server',
      by: 'GET /health/ready'
    })
    expect(resolveExpectedEnvironment([http(PREFLIGHT_NAMES.wsConfig, { websocket: { environment: 'prod' } })], null, undefined, 'local')).toMatchObject({
      env: 'production',
      by: 'GET /ws/config'
    })
    expect(resolveExpectedEnvironment([http(PREFLIGHT_NAMES.authHealth, { status: 'healthy', environment: 'STG' })], null, undefined, 'custom')).toMatchObject({
      env: 'staging',
      by: 'auth GET /health'
    })
  })

  it('the WebSocket server\'s own greeting outranks the HTTP endpoints', () => {
    const preflight = [http(PREFLIGHT_NAMES.ready, { environment: 'development' })]
    expect(resolveExpectedEnvironment(preflight, { seq: 9, data: { env: 'staging' } }, undefined, 'local')).toMatchObject({ env: 'staging', by: 'connection_established', seq: 9 })
  })

  it('the server\'s word outranks the configured expectation, which outranks the URL', () => {
    const preflight = [http(PREFLIGHT_NAMES.ready, { environment: 'staging' })]
    expect(resolveExpectedEnvironment(preflight, null, 'production', 'production')?.env).toBe('staging')
    expect(resolveExpectedEnvironment([], null, 'production', 'local')).toMatchObject({ env: 'production', source: 'configured' })
    expect(resolveExpectedEnvironment([], null, undefined, 'local')).toMatchObject({ env: 'development', accepts: ['development', 'test'], source: 'url' })
    expect(resolveExpectedEnvironment([], null, null, 'staging')).toBeNull()
    expect(resolveExpectedEnvironment([], null, undefined, 'custom')).toBeNull()
  })

  it('ignores failed answers and bodies without a word about it', () => {
    expect(resolveExpectedEnvironment([http(PREFLIGHT_NAMES.ready, { environment: 'staging' }, 503)], null, undefined, 'custom')).toBeNull()
    expect(environmentIn({ status: 'ok', checks: { postgres: true } })).toBeNull()
    expect(environmentIn('staging')).toBeNull()
  })
})
