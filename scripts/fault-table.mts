/**
 * Regenerate README.md's fault table: probe every sandbox fault with the real backend and
 * compare the diagnosis with the expectation. `npm run fault-table`; exits 1 if any row fails.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { renderFaultTable, spliceFaultTable } from '../src/cli/fault-matrix/render-fault-table'
import { runFaultMatrix } from '../src/cli/fault-matrix/run-fault-matrix'

const readmePath = join(import.meta.dirname, '..', 'README.md')
const rows = await runFaultMatrix({
  onRow: (row, done, total) => process.stderr.write(`[${done}/${total}] ${row.pass ? 'ok  ' : 'FAIL'} ${row.key} → ${row.got.topComponent} · ${row.got.verdict}\n`)
})
writeFileSync(readmePath, spliceFaultTable(readFileSync(readmePath, 'utf8'), renderFaultTable(rows)))
const failed = rows.filter((row) => !row.pass)
process.stdout.write(`${rows.length - failed.length}/${rows.length} as expected; README.md updated\n`)
process.exit(failed.length ? 1 : 0)
