import { describe, expect, it } from 'vitest'
import { runHarFuzz } from './testing/har-fuzz'

/**
 * The HAR importer against damaged and hostile files (issue 11): cut off, garbage inserted, bytes
 * flipped, arbitrary bytes, random valid HARs. Bounded by runs here; `npm run soak` runs it longer.
 */
describe('HAR importer fuzz', () => {
  it('answers every input with a clear error naming the file, or a clean recording that keeps everything before the damage', async () => {
    const report = await runHarFuzz({ runs: 30 })
    expect(report.failure).toBeNull()
    expect(report.cases).toBe(150)
    // Both outcomes happen: the fuzzer reaches the refusals and the partial imports.
    expect(report.refused).toBeGreaterThan(0)
    expect(report.imported).toBeGreaterThanOrEqual(30)
  }, 180_000)
})
