import type { LibraryEntry } from '../../../../shared/api/library-schemas'

const TONE: Record<LibraryEntry['verdict'], string> = { healthy: 'ok', degraded: 'warn', failing: 'bad' }

/** A session's verdict as a small coloured chip (words, not colour alone). */
export function VerdictChip({
  verdict,
  cutOff = false
}: {
  verdict: LibraryEntry['verdict']
  cutOff?: boolean
}) {
  return (
    <span
      className={`verdict-chip verdict-chip-${TONE[verdict]}`}
      data-testid="verdict-chip"
      data-verdict={verdict}
    >
      {verdict}
      {cutOff ? <span title="The recording ends without a close (crash or kill)"> · cut off</span> : null}
    </span>
  )
}
