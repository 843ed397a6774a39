import { describe, expect, it } from 'vitest'
import type { PreflightRecord } from '../../../../shared/api/frame-record'
import { preflightKeyDetail } from './preflight-detail'
import { prettyJson } from './pretty-json'
import { expiryText, formatSpan as formatDuration } from '../../lib/relative-time'

function preflight(check: PreflightRecord['check'], detail: Record<string, unknown>, ok = true): PreflightRecord {
  return { seq: 1, t: 1, dir: 'local', kind: 'preflight', check, name: check, target: 'localhost:8443', ok, ms: 2, status: null, detail, error: null }
}

describe('preflightKeyDetail', () => {
  it('TLS: protocol, issuer, expiry, self-signed and a host name mismatch', () => {
    const parts = preflightKeyDetail(
      preflight('tls', {
        host: 'localhost',
        port: 8443,
        servername: 'localhost',
        protocol: 'TLSv1.3',
        authorized: false,
        authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT',
        selfSigned: true,
        hostnameMatches: false,
        hostnameError: "Host: localhost. is not cert's CN: other",
        certificate: { subject: 'CN=other', issuer: 'CN=other', validFrom: 'a', validTo: 'Sep 1 2026', daysLeft: 12, subjectAltName: null, fingerprint256: null }
      })
    )
    expect(parts).toEqual([
      'TLSv1.3',
      'issuer CN=other',
      'expires in 12 d (Sep 1 2026)',
      'self-signed',
      "host name mismatch: Host: localhost. is not cert's CN: other"
    ])
  })

  it('DNS addresses, and a failed lookup by its code', () => {
    expect(preflightKeyDetail(preflight('dns', { host: 'h', addresses: [{ address: '::1', family: 6 }, { address: '127.0.0.1', family: 4 }] }))).toEqual([
      '::1 (IPv6)',
      '127.0.0.1 (IPv4)'
    ])
    expect(preflightKeyDetail(preflight('dns', { host: 'nope.invalid', code: 'ENOTFOUND' }, false))).toEqual(['ENOTFOUND'])
  })

  it('/ws/health: the overall status, the unwell services and a denial', () => {
    const body = {
      status: 'unhealthy',
      service_availability: {
        denial_reason: 'Critical service failed: database_postgres',
        critical_services: { authentication: { status: 'healthy' }, database_postgres: { status: 'failed' } },
        optional_services: { database_redis: { status: 'degraded' } }
      }
    }
    expect(preflightKeyDetail(preflight('http', { url: 'http://x/ws/health', body }))).toEqual([
      'status: unhealthy',
      'database_postgres: failed',
      'database_redis: degraded',
      'denies WebSocket: Critical service failed: database_postgres'
    ])
  })
})

describe('relative time', () => {
  it('says durations the way people do', () => {
    expect(formatDuration(45_000)).toBe('45 s')
    expect(formatDuration(12 * 60_000)).toBe('12 min')
    expect(formatDuration(119 * 60_000)).toBe('1 h 59 min')
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000)).toBe('3 d 4 h')
  })

  it('expiry in the future and in the past', () => {
    expect(expiryText(10 * 60_000, 0)).toBe('expires in 10 min')
    expect(expiryText(0, 3 * 60_000)).toBe('expired 3 min ago')
  })
})

describe('prettyJson', () => {
  it('indents valid JSON like JSON.stringify does', () => {
    const value = { type: 'error', error: { code: 1007, list: [1, 2], empty: {} }, text: 'a, "b": {c}' }
    expect(prettyJson(JSON.stringify(value))).toBe(JSON.stringify(value, null, 2))
  })

  it('still indents a body cut short mid-string', () => {
    expect(prettyJson('{"type":"agent_death","data":{"status":"dead","death_cause":"LLM work')).toBe(
      '{\n  "type": "agent_death",\n  "data": {\n    "status": "dead",\n    "death_cause": "LLM work'
    )
  })
})
