/** Where a close code's meaning is defined. */
export type CloseCodeSource = 'rfc6455' | 'iana' | 'library' | 'application' | 'unassigned'

/** What a close code means in the standards, before any Netra-specific reading. */
export type CloseCodeMeaning = {
  code: number
  /** Short name, e.g. "Normal Closure". */
  name: string
  /** One sentence a support engineer can read out to a customer. */
  meaning: string
  source: CloseCodeSource
  /** Reserved codes (1005, 1006, 1015) are set by the local endpoint and never appear in a close frame. */
  localOnly: boolean
}

type Entry = Omit<CloseCodeMeaning, 'code'>

const STANDARD: Record<number, Entry> = {
  1000: {
    name: 'Normal Closure',
    meaning: 'The connection finished its purpose and closed normally.',
    source: 'rfc6455',
    localOnly: false
  },
  1001: {
    name: 'Going Away',
    meaning: 'The endpoint is going away: a server shutting down or a page navigating away.',
    source: 'rfc6455',
    localOnly: false
  },
  1002: {
    name: 'Protocol Error',
    meaning: 'The endpoint terminated the connection because of a protocol error.',
    source: 'rfc6455',
    localOnly: false
  },
  1003: {
    name: 'Unsupported Data',
    meaning: 'The endpoint received a type of data it cannot accept.',
    source: 'rfc6455',
    localOnly: false
  },
  1004: {
    name: 'Reserved',
    meaning: 'Reserved by RFC 6455; no meaning is defined and it must not be sent.',
    source: 'rfc6455',
    localOnly: false
  },
  1005: {
    name: 'No Status Received',
    meaning: 'A close frame arrived without a status code (set locally; never sent on the wire).',
    source: 'rfc6455',
    localOnly: true
  },
  1006: {
    name: 'Abnormal Closure',
    meaning: 'The connection dropped without a close frame (set locally; never sent on the wire).',
    source: 'rfc6455',
    localOnly: true
  },
  1007: {
    name: 'Invalid Frame Payload Data',
    meaning: 'A message contained data inconsistent with its type, such as invalid UTF-8.',
    source: 'rfc6455',
    localOnly: false
  },
  1008: {
    name: 'Policy Violation',
    meaning: "A message violated the endpoint's policy (generic; used for auth and limits).",
    source: 'rfc6455',
    localOnly: false
  },
  1009: {
    name: 'Message Too Big',
    meaning: 'A message was too big for the endpoint to process.',
    source: 'rfc6455',
    localOnly: false
  },
  1010: {
    name: 'Mandatory Extension',
    meaning: 'The client expected the server to negotiate an extension it did not.',
    source: 'rfc6455',
    localOnly: false
  },
  1011: {
    name: 'Internal Error',
    meaning: 'The server hit an unexpected condition that prevented it from fulfilling the request.',
    source: 'rfc6455',
    localOnly: false
  },
  1012: {
    name: 'Service Restart',
    meaning: 'The service is restarting; reconnecting after a short delay should work.',
    source: 'iana',
    localOnly: false
  },
  1013: {
    name: 'Try Again Later',
    meaning: 'The server is temporarily overloaded or unavailable; retry later.',
    source: 'iana',
    localOnly: false
  },
  1014: {
    name: 'Bad Gateway',
    meaning: 'A gateway or proxy received an invalid response from the upstream server.',
    source: 'iana',
    localOnly: false
  },
  1015: {
    name: 'TLS Handshake Failure',
    meaning: 'The TLS handshake failed, e.g. the certificate could not be verified (set locally).',
    source: 'rfc6455',
    localOnly: true
  }
}

/** Look up the standard meaning of a close code (RFC 6455 §7.4.1, the IANA registry, the 3000/4000 ranges). */
export function describeCloseCode(code: number): CloseCodeMeaning {
  const known = STANDARD[code]
  if (known) return { code, ...known }
  if (code >= 3000 && code <= 3999)
    return {
      code,
      name: 'Library Code',
      meaning: 'Registered with IANA for use by libraries and frameworks.',
      source: 'library',
      localOnly: false
    }
  if (code >= 4000 && code <= 4999)
    return {
      code,
      name: 'Application Code',
      meaning: 'Private to the application; its meaning is defined by the server.',
      source: 'application',
      localOnly: false
    }
  if (code >= 1016 && code <= 2999)
    return {
      code,
      name: 'Unassigned',
      meaning: 'Reserved for future RFC 6455 extensions; no meaning is defined.',
      source: 'unassigned',
      localOnly: false
    }
  return {
    code,
    name: 'Invalid',
    meaning: 'Not a valid WebSocket close code (valid codes are 1000–4999).',
    source: 'unassigned',
    localOnly: false
  }
}
