import type { PreflightRecord } from '../../../../shared/api/frame-record'
import { formatMs } from '../../lib/format'
import { FrameLink } from './EvidenceList'
import { preflightKeyDetail } from './preflight-detail'

// The check's name already says the path; the host (the auth service may differ) is what tells rows apart.
function shortTarget(record: PreflightRecord): string {
  if (record.check !== 'http') return record.target
  try {
    return new URL(record.target).host
  } catch {
    return record.target
  }
}

/** Preflight evidence as a compact table: check, target, result, time, HTTP status, error and key detail. */
export function PreflightTable({ preflight, gathering }: { preflight: readonly PreflightRecord[]; gathering: boolean }) {
  const failed = preflight.filter((record) => !record.ok).length
  return (
    <section className="overview-section" aria-label="Preflight checks" data-testid="preflight">
      <h3 className="section-title">
        Preflight{' '}
        <span className="section-count">
          {preflight.length === 0
            ? gathering
              ? 'running…'
              : 'none recorded'
            : `${preflight.length} checks${failed > 0 ? ` · ${failed} failed` : ' · all passed'}${gathering ? ' · running…' : ''}`}
        </span>
      </h3>
      {preflight.length === 0 ? (
        <p className="section-empty">
          {gathering
            ? 'Checking DNS, TCP, TLS (for wss://) and the four health endpoints before connecting…'
            : 'This session has no preflight evidence (an older recording or an import).'}
        </p>
      ) : (
        <table className="preflight-table" data-testid="preflight-table">
          <thead>
            <tr>
              <th scope="col">Check</th>
              <th scope="col">Target</th>
              <th scope="col">Result</th>
              <th scope="col" className="num">
                Time
              </th>
              <th scope="col" className="num">
                HTTP
              </th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {preflight.map((record) => (
              <tr key={record.seq} data-testid="preflight-row" data-check={record.name} data-ok={record.ok}>
                <th scope="row" className="mono">
                  {record.name}
                </th>
                <td className="mono preflight-target" title={record.target}>
                  {shortTarget(record)}
                </td>
                <td>
                  <span className={`status-pill ${record.ok ? 'ok' : 'bad'}`}>{record.ok ? 'ok' : 'failed'}</span>
                </td>
                <td className="num mono">{record.ms === null ? '—' : formatMs(record.ms)}</td>
                <td className="num mono">{record.status ?? '—'}</td>
                <td>
                  <div className="preflight-detail">
                    {record.error ? <span className="error-text">{record.error}</span> : null}
                    {preflightKeyDetail(record).map((part) => (
                      <span key={part} className="detail-chip mono">
                        {part}
                      </span>
                    ))}
                    <FrameLink seq={record.seq} />
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
