import { AuthMethodSchema, type AuthMethod } from '../../../shared/api/frame-record'
import type { SubprotocolStyle } from '../stores/connect-options-slice'
import { useAppStore } from '../stores/use-app-store'
import { ForeignHostDialog } from './ForeignHostDialog'
import { CredentialPicker } from './settings/CredentialPicker'

const AUTH_METHODS = AuthMethodSchema.options

const STYLE_LABELS: Record<SubprotocolStyle, string> = {
  jwt: 'offer: jwt.<token>',
  'jwt-auth-legacy': 'offer: jwt-auth pair'
}
const STYLES = Object.keys(STYLE_LABELS) as SubprotocolStyle[]

/** Ping choices; the contract allows any interval ≥ 1 s, these are the ones worth a click. */
const PING_CHOICES: readonly { ms: number | null; label: string }[] = [
  { ms: null, label: 'ping: off' },
  { ms: 15_000, label: 'ping: 15 s' },
  { ms: 30_000, label: 'ping: 30 s' }
]

/** How the next session connects: auth method, stored credential, subprotocol offer style and keepalive ping. */
export function ConnectOptions() {
  const environment = useAppStore((state) => state.environments.find((env) => env.id === state.selectedEnvironmentId))
  const authMethod = useAppStore((state) => state.authMethod)
  const style = useAppStore((state) => state.subprotocolStyle)
  const pingIntervalMs = useAppStore((state) => state.pingIntervalMs)
  const setAuthMethod = useAppStore((state) => state.setAuthMethod)
  const setStyle = useAppStore((state) => state.setSubprotocolStyle)
  const setPing = useAppStore((state) => state.setPingInterval)

  const effectiveAuth = authMethod ?? environment?.authMethod
  const styleMatters = effectiveAuth === 'subprotocol'

  return (
    <div className="connect-options" role="group" aria-label="Connection options">
      <select
        className="select select-compact"
        data-testid="auth-select"
        aria-label="Auth method"
        title="How the token is presented on the WebSocket upgrade"
        value={authMethod ?? ''}
        disabled={!environment}
        onChange={(event) => setAuthMethod(event.target.value === '' ? null : (event.target.value as AuthMethod))}
      >
        <option value="">auth: {environment ? environment.authMethod : 'default'}</option>
        {AUTH_METHODS.filter((method) => method !== environment?.authMethod).map((method) => (
          <option key={method} value={method}>
            auth: {method}
          </option>
        ))}
      </select>
      <CredentialPicker />
      <ForeignHostDialog />
      <select
        className="select select-compact"
        data-testid="subprotocol-style-select"
        aria-label="Subprotocol offer"
        title={
          styleMatters
            ? 'How the token is offered in Sec-WebSocket-Protocol: newest servers take jwt.<token>, older ones expect the ["jwt-auth", "jwt.<token>"] pair'
            : 'Only used with auth: subprotocol'
        }
        value={style ?? ''}
        disabled={!environment || !styleMatters}
        onChange={(event) => setStyle(event.target.value === '' ? null : (event.target.value as SubprotocolStyle))}
      >
        <option value="">{STYLE_LABELS[environment?.subprotocolStyle ?? 'jwt']}</option>
        {STYLES.filter((option) => option !== (environment?.subprotocolStyle ?? 'jwt')).map((option) => (
          <option key={option} value={option}>
            {STYLE_LABELS[option]}
          </option>
        ))}
      </select>
      <select
        className="select select-compact"
        data-testid="ping-select"
        aria-label="Ping interval"
        title="Send a protocol ping message this often, to keep the connection alive and see the server answer"
        value={pingIntervalMs === null ? '' : String(pingIntervalMs)}
        onChange={(event) => setPing(event.target.value === '' ? null : Number(event.target.value))}
      >
        {PING_CHOICES.map((choice) => (
          <option key={choice.label} value={choice.ms === null ? '' : String(choice.ms)}>
            {choice.label}
          </option>
        ))}
      </select>
    </div>
  )
}
