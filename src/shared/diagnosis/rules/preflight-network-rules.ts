import type { PreflightRecord } from '../../api/frame-record'
import type { Evidence } from '../diagnosis-types'
import type { CertificateDetail, TlsDetail } from '../preflight-vocabulary'
import type { SessionEvidence } from '../session-evidence'
import { RANK, formatMs, ranked, type RankedFinding } from './rule-finding'

const SLOW_CONNECT_MS = 3000
const CERT_EXPIRY_WARNING_DAYS = 14

function code(record: PreflightRecord): string {
  return typeof record.detail.code === 'string' ? record.detail.code : ''
}

function base(record: PreflightRecord): Evidence[] {
  const evidence: Evidence[] = [
    {
      label: record.name,
      value: record.ok
        ? `ok${record.ms !== null ? ` in ${formatMs(record.ms)}` : ''}`
        : (record.error ?? 'failed'),
      seq: record.seq
    }
  ]
  evidence.push({ label: 'target', value: record.target, seq: record.seq })
  return evidence
}

function dnsFinding(record: PreflightRecord): RankedFinding | null {
  if (record.ok) return null
  const nx = /ENOTFOUND|NXDOMAIN/i.test(`${code(record)} ${record.error ?? ''}`)
  return ranked(RANK.reachability, {
    component: 'network',
    severity: 'error',
    confidence: 'certain',
    code: 'network.dns-failed',
    title: nx
      ? `The host name ${record.target} does not exist in DNS`
      : `DNS lookup of ${record.target} failed`,
    explanation: `${record.error ?? 'The lookup failed'}. Without an address, nothing else can be reached.`,
    evidence: base(record),
    nextSteps: [
      "Check the spelling of the host and the environment's URL.",
      'Check VPN / split DNS: internal hosts only resolve inside the company network.'
    ]
  })
}

function tcpFinding(record: PreflightRecord, dnsFailed: boolean): RankedFinding | null {
  if (record.ok) {
    if (record.ms !== null && record.ms > SLOW_CONNECT_MS)
      return ranked(RANK.reachability, {
        component: 'network',
        severity: 'warning',
        confidence: 'certain',
        code: 'network.slow-connect',
        title: `TCP connect took ${formatMs(record.ms)}`,
        explanation:
          'Connecting should take well under a second; a slow network path or an overloaded listener delays every reconnect.',
        evidence: base(record),
        nextSteps: ["Check the network path (VPN, proxies) and the server's listen backlog."]
      })
    return null
  }
  // Without an address the connect cannot even start; the DNS finding already says why.
  if (dnsFailed) return null
  const errorCode = code(record)
  if (/ECONNREFUSED/.test(errorCode) || /ECONNREFUSED/.test(record.error ?? ''))
    return ranked(RANK.reachability, {
      component: 'network',
      severity: 'error',
      confidence: 'certain',
      code: 'network.connection-refused',
      title: `Connection refused by ${record.target}`,
      explanation:
        'The host answered, but nothing listens on that port (or a firewall rejects the connection).',
      evidence: base(record),
      nextSteps: [
        'Check that the server is running and listening on that port.',
        'Check firewall rules between this machine and the server.'
      ]
    })
  if (record.detail.timedOut === true || /ETIMEDOUT|timed? ?out/i.test(`${errorCode} ${record.error ?? ''}`))
    return ranked(RANK.reachability, {
      component: 'network',
      severity: 'error',
      confidence: 'likely',
      code: 'network.tcp-timeout',
      title: `No answer from ${record.target}`,
      explanation: `The TCP connect did not complete${record.ms !== null ? ` within ${formatMs(record.ms)}` : ''}: packets are dropped on the way (firewall, wrong address, host down).`,
      evidence: base(record),
      nextSteps: ['Check the address, VPN and firewall rules.']
    })
  if (/ECONNRESET/.test(`${errorCode} ${record.error ?? ''}`))
    return ranked(RANK.reachability, {
      component: 'network',
      severity: 'error',
      confidence: 'likely',
      code: 'network.connection-reset',
      title: `Connection reset by ${record.target}`,
      explanation: 'The connection was reset right away, typically by a firewall or a proxy.',
      evidence: base(record),
      nextSteps: ['Check firewalls and proxies on the path.']
    })
  return ranked(RANK.reachability, {
    component: 'network',
    severity: 'error',
    confidence: 'likely',
    code: 'network.unreachable',
    title: `Cannot connect to ${record.target}`,
    explanation: record.error ?? 'The TCP connect failed.',
    evidence: base(record),
    nextSteps: ['Check the network path to the server.']
  })
}

function certificateEvidence(certificate: CertificateDetail | null | undefined, seq: number): Evidence[] {
  if (!certificate) return []
  return [
    { label: 'certificate subject', value: certificate.subject, seq },
    { label: 'certificate issuer', value: certificate.issuer, seq },
    {
      label: 'valid',
      value: `${certificate.validFrom} → ${certificate.validTo} (${certificate.daysLeft} days left)`,
      seq
    },
    ...(certificate.subjectAltName
      ? [{ label: 'subject alt names', value: certificate.subjectAltName, seq }]
      : [])
  ]
}

function tlsFindings(record: PreflightRecord, unreachable: boolean): RankedFinding[] {
  const detail = record.detail as Partial<TlsDetail>
  const evidence = [...base(record), ...certificateEvidence(detail.certificate, record.seq)]
  if (detail.authorizationError)
    evidence.push({ label: 'verification', value: detail.authorizationError, seq: record.seq })
  const make = (
    severity: 'error' | 'warning',
    findingCode: string,
    title: string,
    explanation: string,
    nextSteps: string[]
  ): RankedFinding =>
    ranked(RANK.reachability, {
      component: 'tls',
      severity,
      confidence: 'certain',
      code: findingCode,
      title,
      explanation,
      evidence,
      nextSteps
    })
  if (!detail.protocol) {
    // The TLS handshake itself failed; when TCP already failed there is nothing TLS-specific to say.
    if (record.ok || unreachable) return []
    return [
      make(
        'error',
        'tls.handshake-failed',
        `TLS handshake with ${record.target} failed`,
        record.error ?? 'The TLS handshake did not complete.',
        ['Check that the port speaks TLS (wss/https) and that proxies do not intercept it.']
      )
    ]
  }
  const findings: RankedFinding[] = []
  const certificate = detail.certificate ?? null
  if (detail.selfSigned && detail.authorized !== true)
    findings.push(
      make(
        'error',
        'tls.self-signed',
        'The server presents a self-signed certificate',
        `Issuer and subject are the same (${certificate?.issuer ?? 'unknown'}); no trusted authority vouches for it, so clients refuse it.`,
        [
          "Install a certificate from a trusted CA, or add this certificate's CA to the environment's trusted CAs if it is an internal test server."
        ]
      )
    )
  if (certificate && certificate.daysLeft < 0)
    findings.push(
      make(
        'error',
        'tls.certificate-expired',
        `The certificate expired ${-certificate.daysLeft} day(s) ago`,
        `Valid until ${certificate.validTo}.`,
        ['Renew the certificate.']
      )
    )
  if (detail.hostnameMatches === false)
    findings.push(
      make(
        'error',
        'tls.hostname-mismatch',
        `The certificate is not valid for ${detail.servername ?? record.target}`,
        detail.hostnameError ?? "The host name is not in the certificate's subject or alternative names.",
        ['Use the host name the certificate was issued for, or reissue it with this name.']
      )
    )
  if (detail.authorized === false && findings.length === 0)
    findings.push(
      make(
        'error',
        'tls.untrusted',
        'The certificate is not trusted',
        `Verification failed: ${detail.authorizationError ?? 'unknown reason'}.`,
        ['Install the missing intermediate certificates on the server, or trust its CA.']
      )
    )
  if (certificate && certificate.daysLeft >= 0 && certificate.daysLeft < CERT_EXPIRY_WARNING_DAYS)
    findings.push(
      make(
        'warning',
        'tls.certificate-expiring',
        `The certificate expires in ${certificate.daysLeft} day(s)`,
        `Valid until ${certificate.validTo}.`,
        ['Renew the certificate before it expires.']
      )
    )
  if (/^(SSLv|TLSv1(\.[01])?$)/.test(detail.protocol))
    findings.push(
      make(
        'warning',
        'tls.old-protocol',
        `The server negotiated ${detail.protocol}`,
        'TLS 1.0 and 1.1 are deprecated and refused by current clients.',
        ['Enable TLS 1.2+ on the server.']
      )
    )
  return findings
}

/** Preflight reachability rules: DNS, TCP connect and the TLS certificate (expiry, issuer, host name, self-signed). */
export function preflightNetworkRules(evidence: SessionEvidence): RankedFinding[] {
  const records = evidence.model.preflight
  const dnsFailed = records.some((record) => record.check === 'dns' && !record.ok)
  const tcpFailed = records.some((record) => record.check === 'tcp' && !record.ok)
  return records.flatMap((record) => {
    if (record.check === 'dns')
      return [dnsFinding(record)].filter((finding): finding is RankedFinding => finding !== null)
    if (record.check === 'tcp')
      return [tcpFinding(record, dnsFailed)].filter((finding): finding is RankedFinding => finding !== null)
    if (record.check === 'tls') return tlsFindings(record, dnsFailed || tcpFailed)
    return []
  })
}
