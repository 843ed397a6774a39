import { Drawer } from '../../components/Drawer'
import { useAppStore } from '../../stores/use-app-store'
import { EnvironmentEditor } from './EnvironmentEditor'
import { EnvironmentFooter } from './EnvironmentFooter'
import { EnvironmentList } from './EnvironmentList'

/** Edit the environments sessions connect to: built-ins (reset-able) and custom ones, shared with the CLI. */
export function EnvironmentsPanel() {
  const close = useAppStore((state) => state.closeDrawer)
  const loadError = useAppStore((state) => state.envLoadError)

  return (
    <Drawer
      title="Environments"
      subtitle="Where sessions connect and how; stored in environments.json, shared with the CLI and the web host"
      onClose={close}
      testId="environments-panel"
      footer={<EnvironmentFooter />}
    >
      {loadError ? (
        <div className="inline-error settings-banner" role="alert" data-testid="env-load-error">
          <div className="inline-error-text">
            <strong>Your saved environments could not be read; the built-in defaults are in use.</strong>{' '}
            {loadError}
          </div>
        </div>
      ) : null}
      <div className="settings-layout">
        <EnvironmentList />
        <EnvironmentEditor />
      </div>
    </Drawer>
  )
}
