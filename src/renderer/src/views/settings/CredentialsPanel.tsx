import { useEffect, useState } from 'react'
import { Drawer } from '../../components/Drawer'
import { useAppStore } from '../../stores/use-app-store'
import { AddCredentialForm } from './AddCredentialForm'
import { CredentialGroups } from './CredentialGroups'
import { KeychainStatusCard } from './KeychainStatusCard'
import { MintTokenForm } from './MintTokenForm'

type OpenForm = { kind: 'add' } | { kind: 'mint'; keyId: string } | null

/**
 * Tokens and keys per environment. This window only ever holds their labels and non-secret claims:
 * a secret comes in once, through the add form, and never comes back.
 */
export function CredentialsPanel() {
  const close = useAppStore((state) => state.closeDrawer)
  const loadError = useAppStore((state) => state.credentialsLoadError)
  const failure = useAppStore((state) => state.credentialsFailure)
  const hasKeys = useAppStore((state) =>
    state.credentials.some((credential) => credential.kind === 'e2e-simulation-key')
  )
  const reload = useAppStore((state) => state.loadCredentials)
  const [form, setForm] = useState<OpenForm>(null)
  // The keychain may have been fixed (or locked) since the last look: opening the panel asks again.
  useEffect(() => {
    void reload()
  }, [reload])

  return (
    <Drawer
      title="Credentials"
      subtitle="Secrets stay in the OS keychain and the backend; this window sees only labels and non-secret claims"
      onClose={close}
      testId="credentials-panel"
    >
      <div className="settings-stack">
        <KeychainStatusCard />
        {failure ? (
          <div className="inline-error" role="alert" data-testid="credentials-failure">
            <div className="inline-error-text">
              <strong>Could not list credentials.</strong> {failure}
            </div>
          </div>
        ) : null}
        {loadError ? (
          <div className="inline-error" role="alert" data-testid="credentials-load-error">
            <div className="inline-error-text">
              <strong>The credential list could not be read.</strong> {loadError} Secrets in the keychain are
              untouched; add the credentials again to list them here.
            </div>
          </div>
        ) : null}
        <div className="settings-toolbar">
          <button
            type="button"
            className={`btn${form?.kind === 'add' ? ' active' : ''}`}
            data-testid="add-credential"
            onClick={() => setForm(form?.kind === 'add' ? null : { kind: 'add' })}
          >
            + Add credential
          </button>
          <button
            type="button"
            className={`btn${form?.kind === 'mint' ? ' active' : ''}`}
            data-testid="mint-e2e"
            disabled={!hasKeys}
            title={
              hasKeys
                ? 'Mint a test user’s access token with a simulation key'
                : 'Needs an E2E simulation key credential first'
            }
            onClick={() => setForm(form?.kind === 'mint' ? null : { kind: 'mint', keyId: '' })}
          >
            Mint E2E token…
          </button>
        </div>
        {form?.kind === 'add' ? <AddCredentialForm onClose={() => setForm(null)} /> : null}
        {form?.kind === 'mint' ? (
          <MintTokenForm
            keyId={form.keyId}
            onKeyChange={(keyId) => setForm({ kind: 'mint', keyId })}
            onClose={() => setForm(null)}
          />
        ) : null}
        <CredentialGroups onMint={(keyId) => setForm({ kind: 'mint', keyId })} />
      </div>
    </Drawer>
  )
}
