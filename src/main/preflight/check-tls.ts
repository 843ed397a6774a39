import { isIP } from 'node:net'
import { performance } from 'node:perf_hooks'
import { checkServerIdentity, connect, type PeerCertificate } from 'node:tls'
import type { CertificateDetail, TlsDetail } from '../../shared/diagnosis/preflight-vocabulary'
import { PREFLIGHT_NAMES } from '../../shared/diagnosis/preflight-vocabulary'
import { failedCheck, type PreflightDraft } from './preflight-draft'
import { timeBox } from '../common/time-box'
import { withCancel } from './cancel-signal'

const DAY_MS = 24 * 60 * 60 * 1000
const SELF_SIGNED_ERRORS = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN'])

/** A certificate name as `CN=…, O=…`. */
function distinguishedName(name: PeerCertificate['subject'] | undefined): string {
  if (!name) return ''
  return Object.entries(name)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : String(value)}`)
    .join(', ')
}

function certificateDetail(certificate: PeerCertificate, nowMs: number): CertificateDetail {
  return {
    subject: distinguishedName(certificate.subject),
    issuer: distinguishedName(certificate.issuer),
    validFrom: certificate.valid_from,
    validTo: certificate.valid_to,
    daysLeft: Math.floor((Date.parse(certificate.valid_to) - nowMs) / DAY_MS),
    subjectAltName: certificate.subjectaltname ?? null,
    fingerprint256: certificate.fingerprint256 ?? null
  }
}

/**
 * TLS handshake and certificate evidence. Verification is done *without* rejecting
 * (`rejectUnauthorized: false`) so that an untrusted, self-signed, expired or misnamed
 * certificate is still read and judged by the rules rather than just failing.
 */
export async function checkTls(
  host: string,
  port: number,
  timeoutMs: number,
  ca?: string | Buffer,
  cancel?: AbortSignal
): Promise<PreflightDraft> {
  const target = `${host.includes(':') ? `[${host}]` : host}:${port}`
  const servername = isIP(host) ? '' : host
  const started = performance.now()
  const detail: TlsDetail = { host, port, servername: servername || host }
  try {
    await timeBox(
      timeoutMs,
      (timeBoxSignal) =>
        new Promise<void>((resolve, reject) => {
          const signal = withCancel(timeBoxSignal, cancel)
          // SNI must not carry an IP address; Node refuses it.
          const socket = connect({
            host,
            port,
            rejectUnauthorized: false,
            ...(servername ? { servername } : {}),
            ...(ca ? { ca } : {})
          })
          const fail = (error: unknown): void => {
            socket.destroy()
            reject(error)
          }
          signal.addEventListener('abort', () => fail(signal.reason), { once: true })
          socket.once('error', fail)
          socket.once('secureConnect', () => {
            const certificate = socket.getPeerCertificate()
            detail.protocol = socket.getProtocol()
            detail.cipher = socket.getCipher()?.name ?? null
            detail.authorized = socket.authorized
            const authorizationError = socket.authorizationError as unknown
            detail.authorizationError = authorizationError
              ? String((authorizationError as { code?: string }).code ?? authorizationError)
              : null
            if (certificate && Object.keys(certificate).length > 0) {
              detail.certificate = certificateDetail(certificate, Date.now())
              const identity = checkServerIdentity(detail.servername, certificate)
              detail.hostnameMatches = identity === undefined
              detail.hostnameError = identity ? identity.message : null
              detail.selfSigned =
                detail.certificate.issuer === detail.certificate.subject ||
                SELF_SIGNED_ERRORS.has(detail.authorizationError ?? '')
            } else {
              detail.certificate = null
            }
            socket.end()
            socket.destroy()
            resolve()
          })
        })
    )
    const certificate = detail.certificate ?? null
    const ok =
      detail.authorized === true && detail.hostnameMatches !== false && (certificate?.daysLeft ?? 0) >= 0
    const problems = [
      detail.authorized ? null : `not trusted (${detail.authorizationError ?? 'unknown'})`,
      detail.hostnameMatches === false ? 'host name mismatch' : null,
      certificate && certificate.daysLeft < 0 ? 'expired' : null
    ].filter(Boolean)
    return {
      kind: 'preflight',
      dir: 'local',
      check: 'tls',
      name: PREFLIGHT_NAMES.tls,
      target,
      ok,
      ms: performance.now() - started,
      status: null,
      detail,
      error: ok ? null : `certificate ${problems.join(', ')}`
    }
  } catch (error) {
    return failedCheck('tls', PREFLIGHT_NAMES.tls, target, performance.now() - started, detail, error)
  }
}
