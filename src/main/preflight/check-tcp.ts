import { connect } from 'node:net'
import { performance } from 'node:perf_hooks'
import type { TcpDetail } from '../../shared/diagnosis/preflight-vocabulary'
import { PREFLIGHT_NAMES } from '../../shared/diagnosis/preflight-vocabulary'
import { failedCheck, type PreflightDraft } from './preflight-draft'
import { timeBox } from '../common/time-box'
import { withCancel } from './cancel-signal'

/** Open (and close at once) a TCP connection: connect time, or refused / reset / timed out. */
export async function checkTcp(
  host: string,
  port: number,
  timeoutMs: number,
  cancel?: AbortSignal
): Promise<PreflightDraft> {
  const target = `${host.includes(':') ? `[${host}]` : host}:${port}`
  const started = performance.now()
  const detail: TcpDetail = { host, port }
  try {
    const remoteAddress = await timeBox(
      timeoutMs,
      (timeBoxSignal) =>
        new Promise<string | undefined>((resolve, reject) => {
          const signal = withCancel(timeBoxSignal, cancel)
          const socket = connect({ host, port })
          const fail = (error: unknown): void => {
            socket.destroy()
            reject(error)
          }
          signal.addEventListener('abort', () => fail(signal.reason), { once: true })
          socket.once('error', fail)
          socket.once('connect', () => {
            const address = socket.remoteAddress
            socket.end()
            socket.destroy()
            resolve(address)
          })
        })
    )
    if (remoteAddress) detail.remoteAddress = remoteAddress
    return {
      kind: 'preflight',
      dir: 'local',
      check: 'tcp',
      name: PREFLIGHT_NAMES.tcp,
      target,
      ok: true,
      ms: performance.now() - started,
      status: null,
      detail,
      error: null
    }
  } catch (error) {
    return failedCheck('tcp', PREFLIGHT_NAMES.tcp, target, performance.now() - started, detail, error)
  }
}
