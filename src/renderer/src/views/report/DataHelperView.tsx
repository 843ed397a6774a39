import type { DataHelperOutput } from '../../../../shared/reports'

/** The data helper's data request (what the user must supply), or its failure shown as a failure. */
export function DataHelperView({ output, onFrame }: { output: DataHelperOutput; onFrame: (seq: number) => void }) {
  if (output.kind === 'failure') {
    return (
      <section className="report-block report-failure" data-testid="data-helper-failure">
        <h4 className="report-block-title">
          Data helper <span className="report-tag tag-bad">failed</span>
          <FrameLink seq={output.seq} onFrame={onFrame} />
        </h4>
        <dl className="report-facts">
          <dt>Error</dt>
          <dd>{output.error ?? 'none given'}</dd>
          <dt>Shown to the user instead</dt>
          <dd>{output.fallbackMessage ?? 'no fallback message'}</dd>
        </dl>
      </section>
    )
  }
  const required = output.structuredItems.filter((item) => item.required === true).length
  return (
    <section className="report-block" data-testid="data-request">
      <h4 className="report-block-title">
        Data request <span className="muted">from {output.agentName ?? 'the data helper'}</span>
        <FrameLink seq={output.seq} onFrame={onFrame} />
      </h4>
      {output.userInstructions ? <p className="report-instructions">{output.userInstructions}</p> : null}
      <div className="report-categories">
        {output.categories.map((category) => (
          <div key={category.name} className="report-category">
            <h5>{category.name}</h5>
            <ul>
              {category.items.map((item, index) => (
                <li key={index}>
                  <span className="report-item">{item.item}</span>
                  {item.justification ? <span className="report-why"> — {item.justification}</span> : null}
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
      {output.structuredItems.length > 0 ? (
        <>
          <h5 className="report-sub">
            Structured items <span className="muted">· {required} of {output.structuredItems.length} required</span>
          </h5>
          <table className="report-table">
            <thead>
              <tr>
                <th>Category</th>
                <th>Data point</th>
                <th>Required</th>
                <th>Why</th>
              </tr>
            </thead>
            <tbody>
              {output.structuredItems.map((item, index) => (
                <tr key={index} data-required={item.required}>
                  <td>{item.category ?? ''}</td>
                  <td>{item.dataPoint}</td>
                  <td>
                    {item.required === null ? (
                      <span className="muted">not said</span>
                    ) : item.required ? (
                      <span className="report-tag tag-warn">required</span>
                    ) : (
                      <span className="report-tag">optional</span>
                    )}
                  </td>
                  <td className="muted">{item.justification ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  )
}

/** "frame #12": jumps to the frame that carried this output. */
export function FrameLink({ seq, onFrame }: { seq: number; onFrame: (seq: number) => void }) {
  return (
    <button type="button" className="link-button report-frame-link mono" title="Show this frame" onClick={() => onFrame(seq)}>
      frame #{seq}
    </button>
  )
}
