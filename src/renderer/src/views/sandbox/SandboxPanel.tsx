import { useMemo } from 'react'
import { Drawer } from '../../components/Drawer'
import { EmptyState } from '../../components/EmptyState'
import { baseFaultId } from '../../lib/sandbox-settings'
import { useAppStore } from '../../stores/use-app-store'
import { ChoiceField } from './ChoiceField'
import { FaultByIdField } from './FaultByIdField'
import { FaultChecklist } from './FaultChecklist'
import { SandboxFooter } from './SandboxFooter'
import { useSandboxSettings } from './use-sandbox-settings'

/** Configure the embedded sandbox: generation, triage order and faults, for the next connection. */
export function SandboxPanel() {
  const catalog = useAppStore((state) => state.sandboxCatalog)
  const close = useAppStore((state) => state.closeDrawer)
  const edit = useAppStore((state) => state.editSandbox)
  const { active, shown } = useSandboxSettings()

  const unlisted = useMemo(() => {
    const known = new Set(catalog?.faults.map((fault) => fault.id))
    return (shown?.faults ?? []).filter((id) => !known.has(baseFaultId(id)))
  }, [catalog, shown])

  return (
    <Drawer
      title="Sandbox"
      subtitle="The embedded Netra server every sandbox session connects to"
      onClose={close}
      testId="sandbox-panel"
      footer={catalog && shown ? <SandboxFooter /> : undefined}
    >
      <p className="callout" data-testid="sandbox-next-connection">
        Settings apply to the <strong>next</strong> connection. Sessions already open keep the behaviour they started with.
      </p>
      {!catalog || !shown ? (
        <EmptyState title="Loading the sandbox catalog…" />
      ) : (
        <>
          <div className="choice-row">
            <ChoiceField
              label="Server generation"
              entries={catalog.generations}
              value={shown.generation}
              activeValue={active?.generation}
              onChange={(generation) => edit({ generation })}
              testId="sandbox-generation"
            />
            <ChoiceField
              label="Triage order"
              entries={catalog.triageOrders}
              value={shown.triage}
              activeValue={active?.triage}
              onChange={(triage) => edit({ triage })}
              testId="sandbox-triage"
            />
          </div>
          <section className="drawer-section drawer-section-fill" aria-label="Faults">
            <h3 className="field-label">Faults</h3>
            <FaultChecklist faults={catalog.faults} ticked={shown.faults} generation={shown.generation} />
            <FaultByIdField unlisted={unlisted} />
          </section>
        </>
      )}
    </Drawer>
  )
}
