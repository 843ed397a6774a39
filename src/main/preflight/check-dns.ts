import { promises as dns } from 'node:dns'
import { performance } from 'node:perf_hooks'
import type { DnsDetail } from '../../shared/diagnosis/preflight-vocabulary'
import { PREFLIGHT_NAMES } from '../../shared/diagnosis/preflight-vocabulary'
import { failedCheck, type PreflightDraft } from './preflight-draft'
import { TimeBoxExpired, timeBox } from '../common/time-box'

/** Resolve the host every address family, time-boxed: addresses and time, or the resolver's error (ENOTFOUND for NXDOMAIN). */
export async function checkDns(host: string, timeoutMs: number): Promise<PreflightDraft> {
  const started = performance.now()
  const detail: DnsDetail = { host }
  try {
    const addresses = await timeBox(timeoutMs, () => dns.lookup(host, { all: true }))
    detail.addresses = addresses.map(({ address, family }) => ({ address, family }))
    return {
      kind: 'preflight',
      dir: 'local',
      check: 'dns',
      name: PREFLIGHT_NAMES.dns,
      target: host,
      ok: addresses.length > 0,
      ms: performance.now() - started,
      status: null,
      detail,
      error: addresses.length ? null : 'no addresses'
    }
  } catch (error) {
    return failedCheck('dns', PREFLIGHT_NAMES.dns, host, error instanceof TimeBoxExpired ? timeoutMs : performance.now() - started, detail, error)
  }
}
