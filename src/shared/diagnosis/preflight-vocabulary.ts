/**
 * The names and `detail` fields of preflight records, shared by the Node probes that write
 * them (src/main/preflight) and the rules that read them, so neither guesses the other's shape.
 */
export const PREFLIGHT_NAMES = {
  dns: 'dns',
  tcp: 'tcp',
  tls: 'tls',
  health: 'GET /health',
  ready: 'GET /health/ready',
  wsHealth: 'GET /ws/health',
  /** The WebSocket configuration; carries the server's own `environment` on the servers that report it. */
  wsConfig: 'GET /ws/config',
  authHealth: 'auth GET /health'
} as const

/** `detail` of a `dns` record. */
export type DnsDetail = {
  host: string
  addresses?: Array<{ address: string; family: number }>
  code?: string
}

/** `detail` of a `tcp` record. */
export type TcpDetail = {
  host: string
  port: number
  remoteAddress?: string
  code?: string
  timedOut?: boolean
}

/** The certificate fields a `tls` record keeps. */
export type CertificateDetail = {
  subject: string
  issuer: string
  validFrom: string
  validTo: string
  /** Whole days until `validTo` (negative once expired), from the probe's clock. */
  daysLeft: number
  subjectAltName: string | null
  fingerprint256: string | null
}

/** `detail` of a `tls` record. */
export type TlsDetail = {
  host: string
  port: number
  servername: string
  protocol?: string | null
  cipher?: string | null
  authorized?: boolean
  authorizationError?: string | null
  selfSigned?: boolean
  hostnameMatches?: boolean
  hostnameError?: string | null
  certificate?: CertificateDetail | null
  code?: string
  timedOut?: boolean
}

/** `detail` of an `http` record: the parsed JSON body, or up to 2 KiB of text. */
export type HttpDetail = {
  url: string
  contentType?: string | null
  body?: unknown
  text?: string
  truncated?: boolean
  code?: string
  timedOut?: boolean
}
