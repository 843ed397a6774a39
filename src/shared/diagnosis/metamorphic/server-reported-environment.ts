import type { FrameRecord, PreflightRecord } from '../../api/frame-record'
import { PREFLIGHT_NAMES } from '../preflight-vocabulary'
import type { SessionTransformation } from './session-transformation'
import { renumber } from './wire-frames'

/** Where a port-forward puts the server: what the URL suggests is "local". */
export const PORT_FORWARD_URL = 'ws://127.0.0.1:8000/ws'

/** The environment the server really runs in, behind the port-forward. */
export const FORWARDED_ENVIRONMENT = 'staging'

/** Health answers that carry the server's own `environment` (PROTOCOL.md §1). */
const REPORTING = new Set<string>([PREFLIGHT_NAMES.ready, PREFLIGHT_NAMES.wsConfig, PREFLIGHT_NAMES.authHealth])

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function reporting(record: PreflightRecord): PreflightRecord {
  const body = record.detail.body
  if (!REPORTING.has(record.name) || !isObject(body)) return record
  return { ...record, detail: { ...record.detail, body: { ...body, environment: FORWARDED_ENVIRONMENT } } }
}

/** The `/ws/config` answer a server that reports its environment gives. */
function wsConfigRecord(template: PreflightRecord): PreflightRecord {
  const url = String(template.detail.url ?? '').replace(/\/health(\/ready)?$|\/ws\/health$/, '') + '/ws/config'
  return {
    ...template,
    name: PREFLIGHT_NAMES.wsConfig,
    target: url,
    ok: true,
    status: 200,
    error: null,
    detail: { url, body: { environment: FORWARDED_ENVIRONMENT, mode: 'main', heartbeat_interval_seconds: 35 } }
  }
}

/** Did the server refuse this token for being from another environment? Then it stays so. */
function refusedForEnvironment(records: readonly FrameRecord[]): boolean {
  return records.some((record) => record.kind === 'handshake' && /token env=/i.test(record.body ?? ''))
}

/**
 * Staging behind `kubectl port-forward` on 127.0.0.1: the URL suggests a local server, while
 * `/health/ready`, `/ws/config` and the auth service's `/health` report `staging`, and the token
 * the server accepts is a staging token. (A token the server refused as being from another
 * environment keeps its claim.)
 */
export const serverReportedEnvironment: SessionTransformation = {
  id: 'port-forwarded-staging',
  title: 'staging behind a port-forward on 127.0.0.1: the server and its token say staging, the URL says local',
  apply: (records) => {
    const keepToken = refusedForEnvironment(records)
    const http = records.filter((record): record is PreflightRecord => record.kind === 'preflight' && record.check === 'http')
    const hasConfig = http.some((record) => record.name === PREFLIGHT_NAMES.wsConfig)
    const lastHttp = http.length > 0 ? records.indexOf(http[http.length - 1]) : -1
    const out: FrameRecord[] = []
    records.forEach((record, index) => {
      if (record.kind === 'session-start')
        out.push({ ...record, url: PORT_FORWARD_URL, environment: { id: 'ad-hoc:127.0.0.1', name: '127.0.0.1', kind: 'local' } })
      else if (record.kind === 'handshake') out.push({ ...record, url: PORT_FORWARD_URL })
      else if (record.kind === 'token' && !keepToken)
        out.push({ ...record, claims: { ...record.claims, env: FORWARDED_ENVIRONMENT } })
      else if (record.kind === 'preflight') out.push(reporting(record))
      else out.push(record)
      if (index === lastHttp && !hasConfig) out.push(wsConfigRecord(http[http.length - 1]))
    })
    return renumber(out)
  }
}
