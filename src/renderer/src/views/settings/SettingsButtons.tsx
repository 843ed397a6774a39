import { useAppStore } from '../../stores/use-app-store'

/** The top bar's way into the settings panels; a dot says when a settings file could not be read. */
export function SettingsButtons() {
  const drawer = useAppStore((state) => state.drawer)
  const openEnvironments = useAppStore((state) => state.openEnvironmentEditor)
  const close = useAppStore((state) => state.closeDrawer)
  const toggle = useAppStore((state) => state.toggleDrawer)
  const environmentsBroken = useAppStore((state) => state.envLoadError !== null)
  const credentialsBroken = useAppStore((state) => state.credentialsLoadError !== null)

  return (
    <div className="settings-buttons" role="group" aria-label="Settings">
      <button
        type="button"
        className={`btn btn-small${drawer === 'environments' ? ' active' : ''}`}
        data-testid="open-environments"
        aria-haspopup="dialog"
        aria-expanded={drawer === 'environments'}
        onClick={() => (drawer === 'environments' ? close() : openEnvironments())}
      >
        {environmentsBroken ? (
          <span className="attention-dot bad" title="environments.json could not be read" />
        ) : null}
        Environments
      </button>
      <button
        type="button"
        className={`btn btn-small${drawer === 'credentials' ? ' active' : ''}`}
        data-testid="open-credentials"
        aria-haspopup="dialog"
        aria-expanded={drawer === 'credentials'}
        onClick={() => toggle('credentials')}
      >
        {credentialsBroken ? (
          <span className="attention-dot bad" title="credentials.json could not be read" />
        ) : null}
        Credentials
      </button>
    </div>
  )
}
