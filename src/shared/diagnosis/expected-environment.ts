import type { EnvironmentKind, PreflightRecord } from '../api/frame-record'
import { expectedEnvsForKind, normaliseEnvName } from '../environments/token-environment-check'
import { PREFLIGHT_NAMES } from './preflight-vocabulary'

/** Where the expected environment came from, most authoritative first. */
export type EnvironmentSource = 'server' | 'configured' | 'url'

/** The environment a token must belong to, and who said so. */
export type ExpectedEnvironment = {
  /** Normalised name (`production`, `staging`, `development`, `test`, or the server's own word). */
  env: string
  /** Every normalised `env` claim this environment accepts. */
  accepts: string[]
  source: EnvironmentSource
  /** Who said it, for the evidence: `GET /health/ready`, `connection_established`, `the environment settings`, `the URL (local)`. */
  by: string
  /** The record that said it, when there is one. */
  seq?: number
}

type Obj = Record<string, unknown>

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const ENV_KEYS = ['environment', 'env']
const NESTED_KEYS = ['config', 'configuration', 'data', 'details', 'server', 'settings', 'websocket', 'info']

/** An `environment` (or `env`) string at the top level or nested a level or two down (servers differ). */
export function environmentIn(body: unknown, depth = 0): string | null {
  if (!isObject(body) || depth > 2) return null
  for (const key of ENV_KEYS) {
    const value = body[key]
    if (typeof value === 'string' && value.trim()) return value
    if (isObject(value) && typeof value.name === 'string' && value.name.trim()) return value.name
  }
  for (const key of NESTED_KEYS) {
    const found = environmentIn(body[key], depth + 1)
    if (found) return found
  }
  return null
}

// The WebSocket server's own words first, then the API's, then the separate auth service.
const PREFLIGHT_ORDER = [
  PREFLIGHT_NAMES.wsConfig,
  PREFLIGHT_NAMES.ready,
  PREFLIGHT_NAMES.health,
  PREFLIGHT_NAMES.wsHealth,
  PREFLIGHT_NAMES.authHealth
]

/** What the server itself says about its environment, when it says anything. */
export function serverReportedEnvironment(
  preflight: readonly PreflightRecord[],
  greeting: { seq: number; data: Obj } | null
): ExpectedEnvironment | null {
  const said = (raw: string, by: string, seq?: number): ExpectedEnvironment | null => {
    const env = normaliseEnvName(raw)
    return env ? { env, accepts: [env], source: 'server', by, seq } : null
  }
  if (greeting) {
    const raw = environmentIn(greeting.data)
    if (raw) return said(raw, 'connection_established', greeting.seq)
  }
  for (const name of PREFLIGHT_ORDER) {
    for (const record of preflight) {
      if (record.name !== name || record.status === null || record.status >= 400) continue
      const raw = environmentIn(record.detail.body)
      if (raw) return said(raw, name, record.seq)
    }
  }
  return null
}

/**
 * The environment the token must match: the server's own word outranks the configured
 * expectation, which outranks the guess from the URL's kind. Port-forwards and tunnels put
 * staging on 127.0.0.1 every day, so the URL is the weakest witness. Null when nobody knows
 * (a custom or sandbox environment that says nothing).
 */
export function resolveExpectedEnvironment(
  preflight: readonly PreflightRecord[],
  greeting: { seq: number; data: Obj } | null,
  configured: string | null | undefined,
  kind: EnvironmentKind
): ExpectedEnvironment | null {
  const server = serverReportedEnvironment(preflight, greeting)
  if (server) return server
  if (configured !== undefined) {
    const env = normaliseEnvName(configured)
    return env ? { env, accepts: [env], source: 'configured', by: 'the environment settings' } : null
  }
  const accepts = expectedEnvsForKind(kind)
  if (!accepts) return null
  return { env: accepts[0], accepts, source: 'url', by: `a guess from the environment kind (${kind})` }
}

/** "environment staging, reported by GET /health/ready" — one line of evidence. */
export function describeExpectedEnvironment(expected: ExpectedEnvironment): string {
  const verb = expected.source === 'server' ? 'reported by' : expected.source === 'configured' ? 'set in' : 'from'
  return `environment ${expected.env}, ${verb} ${expected.by}`
}
