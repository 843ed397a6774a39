import { useAppStore } from '../../stores/use-app-store'

/** Whether the next session is recorded into the library (on by default); off keeps it in memory only. */
export function RecordToggle() {
  const record = useAppStore((s) => s.recordSessions)
  const setRecord = useAppStore((s) => s.setRecordSessions)
  return (
    <label
      className={`record-toggle${record ? ' record-on' : ''}`}
      title={
        record
          ? 'The next session is recorded into the library'
          : 'Recording off: the next session stays in memory only, nothing is written to disk'
      }
    >
      <input
        type="checkbox"
        data-testid="record-toggle"
        checked={record}
        onChange={(event) => setRecord(event.target.checked)}
      />
      <span className="record-dot" aria-hidden="true" />
      Record
    </label>
  )
}
