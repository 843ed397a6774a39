import type { PreflightRecord } from '../../../../shared/api/frame-record'
import type { CertificateDetail, DnsDetail, TcpDetail, TlsDetail } from '../../../../shared/diagnosis/preflight-vocabulary'

type Obj = Record<string, unknown>

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null
}

function transportProblems(detail: { code?: string; timedOut?: boolean }): string[] {
  return [detail.timedOut ? 'timed out' : null, text(detail.code)].filter((part): part is string => part !== null)
}

function dnsDetail(detail: DnsDetail): string[] {
  const addresses = (detail.addresses ?? []).map((entry) => `${entry.address} (IPv${entry.family})`)
  return [...addresses, ...transportProblems(detail)]
}

function tcpDetail(detail: TcpDetail): string[] {
  return [detail.remoteAddress ? `remote ${detail.remoteAddress}` : null, ...transportProblems(detail)].filter(
    (part): part is string => part !== null
  )
}

function certificateParts(certificate: CertificateDetail): string[] {
  const days = certificate.daysLeft
  return [
    `issuer ${certificate.issuer}`,
    days < 0 ? `expired ${-days} d ago (${certificate.validTo})` : `expires in ${days} d (${certificate.validTo})`
  ]
}

function tlsDetail(detail: TlsDetail): string[] {
  return [
    text(detail.protocol),
    ...(detail.certificate ? certificateParts(detail.certificate) : []),
    detail.selfSigned ? 'self-signed' : null,
    detail.hostnameMatches === false ? `host name mismatch${detail.hostnameError ? `: ${detail.hostnameError}` : ''}` : null,
    detail.authorized === false && !detail.selfSigned ? `not trusted (${detail.authorizationError ?? 'unknown'})` : null,
    ...transportProblems(detail)
  ].filter((part): part is string => part !== null)
}

// The services /ws/health reports as anything but healthy: the part of its body worth a glance.
function unwellServices(availability: Obj): string[] {
  const groups = [availability.critical_services, availability.optional_services].filter(isObject)
  return groups.flatMap((group) =>
    Object.entries(group)
      .filter(([, entry]) => isObject(entry) && entry.status !== 'healthy')
      .map(([name, entry]) => `${name}: ${String((entry as Obj).status)}`)
  )
}

function httpDetail(detail: Obj): string[] {
  const body = detail.body
  const parts: string[] = []
  if (isObject(body)) {
    const status = text(body.status)
    if (status) parts.push(`status: ${status}`)
    const availability = isObject(body.service_availability) ? body.service_availability : null
    if (availability) {
      parts.push(...unwellServices(availability))
      const denial = text(availability.denial_reason)
      if (denial) parts.push(`denies WebSocket: ${denial}`)
    }
    const reason = text(body.reason) ?? text(body.message)
    if (reason && !availability) parts.push(reason)
  } else if (text(detail.text)) {
    const snippet = String(detail.text).trim()
    parts.push(snippet.length > 60 ? `${snippet.slice(0, 60)}…` : snippet)
  }
  return [...parts, ...transportProblems(detail as { code?: string; timedOut?: boolean })]
}

/**
 * The few facts of a preflight record's `detail` worth a table cell: DNS addresses, the TLS
 * certificate's issuer, expiry and trust, the health status a body reports and which services
 * are unwell. The full detail stays one click away in Frames.
 */
export function preflightKeyDetail(record: PreflightRecord): string[] {
  const detail = record.detail
  switch (record.check) {
    case 'dns':
      return dnsDetail(detail as DnsDetail)
    case 'tcp':
      return tcpDetail(detail as TcpDetail)
    case 'tls':
      return tlsDetail(detail as TlsDetail)
    case 'http':
      return httpDetail(detail)
  }
}
