import type { FrameRecordDraft } from '../../shared/api/frame-record'
import { PREFLIGHT_NAMES } from '../../shared/diagnosis/preflight-vocabulary'
import { checkDns } from './check-dns'
import { checkHttp } from './check-http'
import { checkTcp } from './check-tcp'
import { checkTls } from './check-tls'
import { failedCheck, type PreflightDraft } from './preflight-draft'

/** Where a session will connect: the WebSocket URL and the HTTP bases whose health endpoints are probed. */
export type PreflightTarget = { wsUrl: string; httpBase: string | null; authBase: string | null }

/** Preflight options. */
export type PreflightOptions = {
  /** Time box of each check (default 5000 ms). */
  timeoutMs?: number
  /** Extra CA certificate(s) to trust, for internal servers. */
  ca?: string | Buffer
  /** Abandons the checks still running (their sockets are destroyed) and emits nothing more. */
  signal?: AbortSignal
}

const DEFAULT_TIMEOUT_MS = 5000

function join(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url)
  } catch {
    return null
  }
}


/**
 * Gather the evidence before connecting: DNS, TCP connect, TLS (for wss/https), and the
 * health endpoints (`/health`, `/health/ready`, `/ws/health`, `/ws/config`, the auth service's
 * `/health`). The HTTP bodies are kept, because `/health/ready`, `/ws/config` and the auth
 * service's `/health` carry the server's own `environment`, which outranks a guess from the URL.
 * All checks run at once, each in its own time box; none's failure stops another, and each
 * emits exactly one `local` record. The token is never sent. Once `signal` aborts, the
 * checks still running are abandoned and nothing more is emitted.
 */
export async function runPreflight(
  target: PreflightTarget,
  emit: (draft: Extract<FrameRecordDraft, { kind: 'preflight' }>) => void,
  options: PreflightOptions = {}
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const { ca, signal } = options
  if (signal?.aborted) return
  const checks: Array<Promise<PreflightDraft>> = []
  const ws = parseUrl(target.wsUrl)
  if (ws && (ws.protocol === 'ws:' || ws.protocol === 'wss:')) {
    const host = ws.hostname.replace(/^\[|\]$/g, '')
    const port = ws.port ? Number(ws.port) : ws.protocol === 'wss:' ? 443 : 80
    checks.push(checkDns(host, timeoutMs), checkTcp(host, port, timeoutMs, signal))
    if (ws.protocol === 'wss:') checks.push(checkTls(host, port, timeoutMs, ca, signal))
  } else {
    const why = `not a ws:// or wss:// URL: ${target.wsUrl}`
    checks.push(
      Promise.resolve(failedCheck('dns', PREFLIGHT_NAMES.dns, target.wsUrl, null, {}, why)),
      Promise.resolve(failedCheck('tcp', PREFLIGHT_NAMES.tcp, target.wsUrl, null, {}, why))
    )
  }
  // Without a wss URL, the HTTPS API (if any) is where a certificate problem would show.
  if (ws?.protocol !== 'wss:' && target.httpBase?.startsWith('https:')) {
    const http = new URL(target.httpBase)
    checks.push(checkTls(http.hostname.replace(/^\[|\]$/g, ''), http.port ? Number(http.port) : 443, timeoutMs, ca, signal))
  }
  const get = (name: string, base: string, path: string): Promise<PreflightDraft> =>
    checkHttp(name, join(base, path), timeoutMs, ca, signal)
  if (target.httpBase) {
    checks.push(
      get(PREFLIGHT_NAMES.health, target.httpBase, '/health'),
      get(PREFLIGHT_NAMES.ready, target.httpBase, '/health/ready'),
      get(PREFLIGHT_NAMES.wsHealth, target.httpBase, '/ws/health'),
      get(PREFLIGHT_NAMES.wsConfig, target.httpBase, '/ws/config')
    )
  }
  if (target.authBase) checks.push(get(PREFLIGHT_NAMES.authHealth, target.authBase, '/health'))
  // Evidence is emitted as it arrives, so a slow check never holds back the others.
  const emitLive = (draft: PreflightDraft): void => {
    if (!signal?.aborted) emit(draft)
  }
  const all = Promise.all(checks.map((check) => check.then(emitLive)))
  if (!signal) return void (await all)
  await new Promise<void>((resolve) => {
    signal.addEventListener('abort', () => resolve(), { once: true })
    void all.then(() => resolve())
  })
}
