import type { Evidence } from '../../../../shared/diagnosis'
import { useAppStore } from '../../stores/use-app-store'
import { prettyJson } from './pretty-json'

// Record bodies (refusal bodies, error events) arrive as one-line JSON, often cut short: shown indented.
function isJsonText(value: string): boolean {
  return /^\s*[[{]/.test(value) && value.length > 40
}

function Value({ value }: { value: string }) {
  return isJsonText(value) ? <pre className="evidence-json mono">{prettyJson(value)}</pre> : <span className="mono">{value}</span>
}

/** A "go to frame" link: selects the record, which brings up the Frames tab with it in view. */
export function FrameLink({ seq }: { seq: number }) {
  const selectFrame = useAppStore((state) => state.selectFrame)
  return (
    <button
      type="button"
      className="frame-link mono"
      data-testid="evidence-link"
      data-seq={seq}
      title={`Show record #${seq} in Frames`}
      onClick={() => selectFrame(seq)}
    >
      #{seq} ↗
    </button>
  )
}

/** The evidence behind a finding: label, value, and a link to the record it came from. */
export function EvidenceList({ evidence }: { evidence: readonly Evidence[] }) {
  return (
    <dl className="evidence-list" data-testid="evidence-list">
      {evidence.map((item, index) => (
        <div className="evidence-item" key={`${item.label}-${index}`}>
          <dt className="evidence-label">{item.label}</dt>
          <dd className="evidence-value">
            <Value value={item.value} />
            {item.seq !== undefined ? <FrameLink seq={item.seq} /> : null}
          </dd>
        </div>
      ))}
    </dl>
  )
}
