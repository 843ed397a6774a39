import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'

const made: string[] = []

// Registered once, when a test file first imports this module (vitest evaluates it again for every file),
// so it belongs to the file's root suite. "After" hooks run in reverse order of registration, so this one
// runs after the file's own afterAll hooks, once its backends and recorders are disposed.
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true, maxRetries: 3 })
})

/**
 * A fresh folder under the OS temp dir (`<prefix>XXXXXX`), removed with everything in it once the test
 * file's tests are done, whether they passed or not. A suite run used to leave ~60 of these behind.
 */
export function testTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  made.push(dir)
  return dir
}
