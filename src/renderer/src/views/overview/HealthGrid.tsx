import { useRef, type KeyboardEvent } from 'react'
import { COMPONENT_LABELS, COMPONENTS, type Component, type Diagnosis } from '../../../../shared/diagnosis'
import { Glyph } from '../../components/Glyph'
import { ComponentEvidence } from './ComponentEvidence'
import { STATUS_LOOK } from './overview-labels'

const PANEL_ID = 'component-evidence-panel'

// "1 failing · 1 degraded · 11 ok · 3 no evidence": the grid at a glance, in words.
function summaryOf(diagnosis: Diagnosis): string {
  const counts = new Map<string, number>()
  for (const component of COMPONENTS) {
    const text = STATUS_LOOK[diagnosis.components[component].status].text
    counts.set(text, (counts.get(text) ?? 0) + 1)
  }
  return ['failing', 'degraded', 'ok', 'no evidence']
    .filter((text) => counts.has(text))
    .map((text) => `${counts.get(text)} ${text}`)
    .join(' · ')
}

/**
 * The 16 components in a grid, each a button showing its status as glyph, word and colour.
 * Clicking one opens its evidence just below the grid; clicking it again, or Escape, closes it.
 */
export function HealthGrid({
  diagnosis,
  open,
  onOpen
}: {
  diagnosis: Diagnosis
  open: Component | null
  onOpen(component: Component | null): void
}) {
  const cells = useRef<HTMLDivElement>(null)
  // Closing puts the focus back on the cell, so a keyboard user carries on from where they were.
  const close = (): void => {
    if (!open) return
    cells.current?.querySelector<HTMLButtonElement>(`[data-component="${open}"]`)?.focus()
    onOpen(null)
  }
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && open) {
      event.stopPropagation()
      close()
    }
  }
  return (
    <section className="overview-section health" aria-label="Component health" data-testid="health-grid" onKeyDown={onKeyDown}>
      <h3 className="section-title">
        Component health <span className="section-count">{summaryOf(diagnosis)}</span>
      </h3>
      <div className="health-cells" ref={cells}>
        {COMPONENTS.map((component) => {
          const health = diagnosis.components[component]
          const look = STATUS_LOOK[health.status]
          const selected = open === component
          return (
            <button
              key={component}
              type="button"
              className={`health-cell health-${look.tone}${selected ? ' selected' : ''}`}
              data-testid="health-cell"
              data-component={component}
              data-status={health.status}
              aria-expanded={selected}
              aria-controls={selected ? PANEL_ID : undefined}
              aria-label={`${COMPONENT_LABELS[component]}: ${look.text}`}
              title={`${COMPONENT_LABELS[component]}: ${look.text}`}
              onClick={() => onOpen(selected ? null : component)}
            >
              {/* Name first, as the accessible name reads ("Network: ok"); CSS shows the status on top. */}
              <span className="health-name">{COMPONENT_LABELS[component]}</span>
              <span className="health-line">
                <Glyph glyph={look.glyph} tone={look.tone} size="sm" />
                <span className={`health-status tone-${look.tone}`}>{look.text}</span>
              </span>
            </button>
          )
        })}
      </div>
      {open ? (
        <ComponentEvidence id={PANEL_ID} component={open} diagnosis={diagnosis} onClose={close} />
      ) : (
        <p className="health-hint">
          Each status combines the health endpoints (<span className="mono">/ws/health</span>,{' '}
          <span className="mono">/health/ready</span>, <span className="mono">/health</span>) with what this session saw.
          Select a component to see exactly what it was judged from.
        </p>
      )}
    </section>
  )
}
