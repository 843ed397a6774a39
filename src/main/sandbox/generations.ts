import type { SandboxGeneration } from './types'

/** The backend generations the sandbox can imitate, oldest first. */
export const SANDBOX_GENERATIONS: ReadonlyArray<{
  id: SandboxGeneration
  title: string
  description: string
}> = [
  {
    id: 'beta-10',
    title: 'beta-10 (wrapped events)',
    description:
      'Agent events wrapped in system_message / agent_progress with the real name in data.event and fields in ' +
      'data.payload; envelopes carry `payload`, a duplicated `event` field and epoch-second timestamps; the bare ' +
      '`jwt-auth` subprotocol is echoed; /health and /health/ready use the older detailed shapes.'
  },
  {
    id: 'component-codes',
    title: 'Component close codes (Sept 2025)',
    description:
      'Flat agent events, but a component failure sends {"type":"error","error":{code,component,…}} and closes with ' +
      '1002–1010 and "<Component>: <message>"; 1004/1005/1006 cannot be sent, so the TCP connection drops (client sees 1006).'
  },
  {
    id: 'beta-17',
    title: 'beta-17 (flat events)',
    description:
      'The default: flat agent events with ISO timestamps and top-level tool fields, standard envelopes, ' +
      'failures in the pipeline close with 1011 and a reason, /health answers {"status":"ok"}.'
  },
  {
    id: 'handshake',
    title: 'Handshake (newest)',
    description:
      'Like beta-17, plus handshake_response after connection_established (user messages wait for ' +
      'handshake_acknowledged), backend_log events, agent_timeout_warning, and cleanup_started / cleanup_complete ' +
      'before a server-initiated close.'
  }
]

/** Is `value` a known generation id? */
export function isSandboxGeneration(value: unknown): value is SandboxGeneration {
  return SANDBOX_GENERATIONS.some((generation) => generation.id === value)
}

/** Newer generations answer the health endpoints with the terse shapes. */
export function usesTerseHealth(generation: SandboxGeneration): boolean {
  return generation === 'beta-17' || generation === 'handshake'
}
