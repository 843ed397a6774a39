import type { PreflightRecord } from '../api/frame-record'
import type { Component } from './components'
import type { ComponentStatus } from './diagnosis-types'
import { PREFLIGHT_NAMES } from './preflight-vocabulary'
import { componentForService, servicesInText } from './service-components'

/** One component status read from a health endpoint. */
export type HealthSignal = {
  component: Component
  status: ComponentStatus
  /** Human-readable, e.g. `/ws/health critical_services.database_postgres: failed`. */
  source: string
  seq: number
  /** How specific the source is: /ws/health 3, /health/ready 2, /health 1. The most specific wins per component. */
  specificity: number
  /** Error text the endpoint gave for this component, if any. */
  note: string | null
  /** The server said it refuses WebSocket connections because of this component. */
  denial: boolean
}

type Obj = Record<string, unknown>

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null
}

const SERVICE_STATUS: Readonly<Record<string, ComponentStatus>> = {
  healthy: 'ok',
  ok: 'ok',
  degraded: 'degraded',
  failed: 'failing',
  unhealthy: 'failing',
  unknown: 'unknown'
}

const STORE_STATUS: Readonly<Record<string, ComponentStatus>> = {
  connected: 'ok',
  ready: 'ok',
  failed: 'failing',
  optional_unavailable: 'degraded',
  vpc_connectivity_degraded: 'degraded',
  // An optional store the deployment chose not to use says nothing about health.
  skipped_optional: 'unknown',
  disabled_optional: 'unknown'
}

function bodyOf(record: PreflightRecord): unknown {
  return record.detail.body
}

/** Adds signals read from one health endpoint; more specific endpoints outrank vaguer ones. */
function signalAdder(signals: HealthSignal[], record: PreflightRecord, endpoint: string, specificity: number) {
  return (component: Component, status: ComponentStatus, source: string, note: string | null = null, denial = false): void => {
    signals.push({ component, status, source: `${endpoint} ${source}`, seq: record.seq, specificity, note, denial })
  }
}

function wsHealthSignals(record: PreflightRecord): HealthSignal[] {
  const body = bodyOf(record)
  if (!isObject(body)) return []
  const signals: HealthSignal[] = []
  const add = signalAdder(signals, record, '/ws/health', 3)
  if (isObject(body.components)) {
    const parts: Array<[string, Component, ComponentStatus]> = [
      ['manager', 'websocket-manager', 'failing'],
      ['message_router', 'message-handler', 'failing'],
      ['connection_monitor', 'websocket-manager', 'degraded']
    ]
    for (const [key, component, whenDown] of parts) {
      const value = body.components[key]
      if (typeof value === 'boolean') add(component, value ? 'ok' : whenDown, `components.${key}: ${value}`)
    }
  }
  const availability = isObject(body.service_availability) ? body.service_availability : null
  if (!availability) return signals
  for (const group of ['critical_services', 'optional_services'] as const) {
    const services = availability[group]
    if (!isObject(services)) continue
    for (const [name, entry] of Object.entries(services)) {
      const component = componentForService(name)
      if (!component || !isObject(entry)) continue
      let status = SERVICE_STATUS[str(entry.status) ?? 'unknown'] ?? 'unknown'
      // An open circuit breaker or `available:false` means failing whatever the status string says.
      if (status !== 'unknown' && (entry.circuit_breaker_open === true || entry.available === false))
        status = 'failing'
      add(component, status, `${group}.${name}: ${str(entry.status) ?? 'unknown'}`, str(entry.error))
    }
  }
  const denial = str(availability.denial_reason)
  if (availability.allow_websocket_connections === false || denial) {
    const named = servicesInText(denial ?? '')
    const targets = named.length > 0 ? named.map((entry) => entry.component) : (['server'] as Component[])
    for (const component of new Set(targets))
      add(component, 'failing', `denies WebSocket connections: ${denial ?? 'no reason given'}`, denial, true)
  }
  return signals
}

function readySignals(record: PreflightRecord): HealthSignal[] {
  const body = bodyOf(record)
  const signals: HealthSignal[] = []
  const add = signalAdder(signals, record, '/health/ready', 2)
  if (!isObject(body)) {
    if (record.status !== null && record.status >= 500) add('server', 'failing', `HTTP ${record.status}`)
    return signals
  }
  for (const [key, component] of [
    ['core_db', 'database'],
    ['clickhouse_db', 'clickhouse'],
    ['redis_db', 'redis']
  ] as const) {
    const value = str(body[key])
    if (value) add(component, STORE_STATUS[value] ?? 'unknown', `${key}: ${value}`)
  }
  if (record.status === 503 || str(body.status) === 'not_ready') {
    const details = isObject(body.details) ? body.details : {}
    const reason = str(body.reason) ?? str(details.reason) ?? str(body.message)
    const named = servicesInText(reason ?? '')
    const listed = new Set(
      signals.filter((signal) => signal.status === 'failing').map((signal) => signal.component)
    )
    if (named.length > 0) {
      for (const { component } of named)
        if (!listed.has(component)) add(component, 'failing', `not ready: ${reason}`, reason)
    } else if (listed.size === 0) {
      add('server', 'failing', `HTTP ${record.status ?? '?'} not ready${reason ? `: ${reason}` : ''}`, reason)
    }
  } else if (str(body.status) === 'ready') {
    add('server', 'ok', 'ready')
  }
  return signals
}

function healthSignals(record: PreflightRecord): HealthSignal[] {
  const body = bodyOf(record)
  const signals: HealthSignal[] = []
  const add = signalAdder(signals, record, '/health', 1)
  if (!isObject(body)) {
    if (record.status !== null && record.status >= 500) add('server', 'failing', `HTTP ${record.status}`)
    return signals
  }
  const status = str(body.status)
  const checks = isObject(body.checks) ? Object.entries(body.checks) : []
  // A 503 whose checks name the failing store is that store's failure, not the process's.
  const checksExplain = checks.some(([name, value]) => value === false && componentForService(name) !== null)
  if (body.startup_in_progress === true) {
    const details = isObject(body.details) ? body.details : {}
    add(
      'server',
      'failing',
      `HTTP ${record.status ?? '?'} startup in progress${str(details.phase) ? ` (phase ${str(details.phase)})` : ''}`,
      str(body.message)
    )
  } else if (checksExplain) {
    add('server', 'ok', `answered HTTP ${record.status ?? '?'} (status ${status ?? '?'}; a check failed)`)
  } else if (record.status !== null && record.status >= 500) {
    add(
      'server',
      'failing',
      `HTTP ${record.status} ${status ?? ''}`.trim(),
      str(body.message) ?? str(body.reason)
    )
  } else if (status === 'ok' || status === 'healthy') {
    add('server', 'ok', `status: ${status}`)
  } else if (status === 'unhealthy') {
    add('server', 'failing', 'status: unhealthy')
  } else if (status === 'degraded') {
    add('server', 'degraded', 'status: degraded')
  }
  for (const [name, value] of checks) {
    const component = componentForService(name)
    if (component && typeof value === 'boolean')
      add(component, value ? 'ok' : 'failing', `checks.${name}: ${value}`)
  }
  return signals
}

function authServiceSignals(record: PreflightRecord): HealthSignal[] {
  const body = bodyOf(record)
  const source = (text: string): string => `auth service /health ${text}`
  const signal = (status: ComponentStatus, text: string, note: string | null = null): HealthSignal => ({
    component: 'auth',
    status,
    source: source(text),
    seq: record.seq,
    specificity: 2,
    note,
    denial: false
  })
  if (record.status === null)
    return [signal('unknown', `unreachable: ${record.error ?? 'no answer'}`, record.error)]
  if (record.status >= 500)
    return [
      signal(
        'failing',
        `HTTP ${record.status}`,
        isObject(body) ? (str(body.reason) ?? str(body.message)) : null
      )
    ]
  if (!isObject(body)) return []
  const db = str(body.database_status)
  if (db && db !== 'connected') return [signal('degraded', `database_status: ${db}`)]
  const status = str(body.status)
  if (status === 'healthy' || status === 'ok') return [signal('ok', `status: ${status}`)]
  if (status) return [signal(status === 'degraded' ? 'degraded' : 'failing', `status: ${status}`)]
  return []
}

/**
 * Read per-component statuses out of the HTTP preflight records: `/ws/health`
 * service_availability (the richest), `/health/ready` store strings, `/health` checks and
 * startup state, and the auth service's `/health`.
 */
export function readHealthSignals(preflight: readonly PreflightRecord[]): HealthSignal[] {
  const signals: HealthSignal[] = []
  for (const record of preflight) {
    if (record.check !== 'http' || record.status === null) {
      if (record.name === PREFLIGHT_NAMES.authHealth) signals.push(...authServiceSignals(record))
      continue
    }
    if (record.name === PREFLIGHT_NAMES.wsHealth) signals.push(...wsHealthSignals(record))
    else if (record.name === PREFLIGHT_NAMES.ready) signals.push(...readySignals(record))
    else if (record.name === PREFLIGHT_NAMES.health) signals.push(...healthSignals(record))
    else if (record.name === PREFLIGHT_NAMES.authHealth) signals.push(...authServiceSignals(record))
  }
  return signals
}

const RANK: Readonly<Record<ComponentStatus, number>> = { failing: 3, degraded: 2, ok: 1, unknown: 0 }

/**
 * The health-endpoint status of each component: the worst status among its most specific
 * sources (a `/ws/health` entry outranks a `/health` boolean), denials always counting.
 */
export function healthStatusByComponent(
  signals: readonly HealthSignal[]
): Map<Component, { status: ComponentStatus; signals: HealthSignal[] }> {
  const byComponent = new Map<Component, HealthSignal[]>()
  for (const signal of signals)
    byComponent.set(signal.component, [...(byComponent.get(signal.component) ?? []), signal])
  const result = new Map<Component, { status: ComponentStatus; signals: HealthSignal[] }>()
  for (const [component, list] of byComponent) {
    const known = list.filter((signal) => signal.status !== 'unknown' || signal.denial)
    const top = Math.max(0, ...known.map((signal) => signal.specificity))
    const deciding = known.filter((signal) => signal.specificity === top || signal.denial)
    let status: ComponentStatus = 'unknown'
    for (const signal of deciding) if (RANK[signal.status] > RANK[status]) status = signal.status
    result.set(component, { status, signals: list })
  }
  return result
}
