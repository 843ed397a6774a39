import { useEffect, useMemo } from 'react'
import type { FrameRecord } from '../../../../shared/api/frame-record'
import { NO_ROWS, type RowList } from '../../../../shared/session-model'
import { selectActiveModel } from '../../stores/select-active'
import { useAppStore } from '../../stores/use-app-store'

/** How far one session's rows have been scanned, the output seqs found so far, and how many of them are kept. */
type OutputScan = { scanned: number; seqs: number[]; kept: number }

// Per row table (one per session model; it grows in place): shared by every view that asks.
const scans = new WeakMap<RowList, OutputScan>()

/**
 * The seqs of the output frames among the first `total` rows. Only the rows added since the
 * last call are scanned, so a flood of other frames costs per batch, not per session; the array
 * is a new one only when output frames arrived, so the lookups that depend on it run only then.
 */
function outputSeqs(rows: RowList, total: number): number[] {
  const scan = scans.get(rows) ?? { scanned: 0, seqs: [], kept: 0 }
  scans.set(rows, scan)
  // A view rendering an older snapshot than another one: the prefix it knows of.
  if (total < scan.scanned) {
    const lastSeq = total > 0 ? rows.seqAt(total - 1) : -1
    return scan.seqs.filter((seq) => seq <= lastSeq)
  }
  const added: number[] = []
  for (let i = scan.scanned; i < total; i++) {
    const row = rows.at(i)
    if (row && row.dir === 'in' && OUTPUT_EVENT_TYPES.has(row.label)) added.push(row.seq)
  }
  scan.scanned = total
  if (added.length > 0) scan.seqs = scan.seqs.concat(added)
  return scan.seqs
}

/** Event types whose frames carry what an agent said: its result, its tool's results, a report. */
export const OUTPUT_EVENT_TYPES: ReadonlySet<string> = new Set([
  'agent_completed',
  'tool_completed',
  'final_report',
  'agent_response',
  'partial_result'
])

/**
 * The full records of the active session's agent-output frames, in seq order.
 *
 * The renderer keeps rows for every record but full records only for a window (the frame store
 * of the session-store design), so the output frames are picked out by their rows and fetched
 * into the window by range when it does not hold them; the result grows as the ranges land.
 */
export function useOutputRecords(): FrameRecord[] {
  const sessionId = useAppStore((state) => state.activeSessionId)
  const rows = useAppStore((state) => selectActiveModel(state)?.rows ?? NO_ROWS)
  const total = useAppStore((state) => selectActiveModel(state)?.rows.length ?? 0)
  const loaded = useAppStore((state) => state.recordsLoaded)
  const recordAt = useAppStore((state) => state.recordAt)
  const loadRecord = useAppStore((state) => state.loadRecord)

  // Rows grow in place: `total` is what changes per batch.
  const seqs = useMemo(() => outputSeqs(rows, total), [rows, total])

  const records = useMemo(() => {
    void loaded // a fetched range landed: look again
    if (sessionId === null) return []
    const held: FrameRecord[] = []
    for (const seq of seqs) {
      const record = recordAt(sessionId, seq)
      if (record) held.push(record)
    }
    return held
  }, [seqs, sessionId, loaded, recordAt])

  // Each output frame is kept once (fetched if the window no longer holds it): the window is
  // small, and without keeping them, frames spread over more chunks than it holds would evict
  // each other as they were fetched. Only the seqs found since the last time are visited.
  useEffect(() => {
    const scan = scans.get(rows)
    if (sessionId === null || !scan) return
    for (; scan.kept < scan.seqs.length; scan.kept++) void loadRecord(sessionId, scan.seqs[scan.kept], true)
  }, [seqs, rows, sessionId, loadRecord])

  return records
}
