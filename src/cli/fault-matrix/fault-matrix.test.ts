import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FAULT_TABLE_END, FAULT_TABLE_START, renderFaultTable } from './render-fault-table'
import { runFaultMatrix } from './run-fault-matrix'

/** The table without its "top finding" column, which may legitimately be reworded. */
function comparable(table: string): string[] {
  return table
    .trim()
    .split('\n')
    .map((line) => (line.startsWith('|') ? line.split('|').filter((_, i) => i !== 5).join('|') : line))
}

describe('diagnosis of every sandbox fault, against the real sandbox', () => {
  it('names the right component and verdict for 100% of faults, and README.md shows exactly that', async () => {
    const rows = await runFaultMatrix()
    const failures = rows.filter((row) => !row.pass).map((row) => `${row.key}: expected ${row.expected.topComponent}/${row.expected.verdict}, got ${row.got.topComponent}/${row.got.verdict} (${row.got.topFinding})`)
    expect(failures).toEqual([])
    const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8')
    const inReadme = readme.slice(readme.indexOf(FAULT_TABLE_START) + FAULT_TABLE_START.length, readme.indexOf(FAULT_TABLE_END))
    expect(comparable(inReadme), 'README.md is out of date: run npm run fault-table').toEqual(comparable(renderFaultTable(rows)))
  }, 120_000)
})
