import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openSessionLog } from './open-session-log'
import { writeSyntheticRecording } from './testing/synthetic-recording'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})
const folder = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'netra-read-copy-'))
  dirs.push(dir)
  return dir
}

describe('openSessionLog with copyTo: the file written out as indexing reads it', { timeout: 60_000 }, () => {
  it('copies a file of many reads byte for byte, lines longer than a read and a cut-off tail included, private, replacing what was there', async () => {
    const dir = folder()
    const path = join(dir, 'in.ndjson')
    writeSyntheticRecording(path, { records: 20_000, padding: 300 })
    // A line longer than one read (1 MiB), then more lines, then a last line cut off mid-write.
    const seqs = { next: 20_000 }
    appendFileSync(path, `${JSON.stringify({ seq: seqs.next++, t: 1, type: 'note', text: 'x'.repeat(1_500_000) })}\n`)
    for (let i = 0; i < 50; i++) appendFileSync(path, `${JSON.stringify({ seq: seqs.next++, t: 1, type: 'note', text: `n${i}` })}\n`)
    appendFileSync(path, '{"seq":')
    expect(statSync(path).size).toBeGreaterThan(8 * 1024 * 1024)
    const out = join(dir, 'out.ndjson')
    writeFileSync(out, 'an older file, to be replaced', { mode: 0o644 })
    const seen: string[] = []
    const log = await openSessionLog(path, {
      copyTo: (header) => {
        seen.push(header.sessionId)
        return out
      }
    })
    try {
      expect(seen).toEqual(['s-synthetic'])
      await log.copy
      expect(log.complete).toBe(true)
      expect(readFileSync(out).equals(readFileSync(path))).toBe(true)
      expect(statSync(out).mode & 0o777).toBe(0o600)
    } finally {
      await log.close()
    }
  })

  it('copies a file read whole before openSessionLog resolves', async () => {
    const dir = folder()
    const path = join(dir, 'small.ndjson')
    writeSyntheticRecording(path, { records: 20 })
    const log = await openSessionLog(path, { copyTo: () => join(dir, 'out.ndjson') })
    await log.copy
    await log.close()
    expect(readFileSync(join(dir, 'out.ndjson')).equals(readFileSync(path))).toBe(true)
  })

  it('makes no copy when copyTo declines the header', async () => {
    const dir = folder()
    const path = join(dir, 'v1.ndjson')
    writeSyntheticRecording(path, { records: 100, version: 1 })
    const log = await openSessionLog(path, { copyTo: (header) => (header.version === 2 ? join(dir, 'out.ndjson') : undefined) })
    expect(log.copy).toBeNull()
    await log.indexed
    await log.close()
    expect(existsSync(join(dir, 'out.ndjson'))).toBe(false)
  })

  it('removes the copy and says so when the log is closed before indexing ends', async () => {
    const dir = folder()
    const path = join(dir, 'big.ndjson')
    writeSyntheticRecording(path, { records: 200_000 })
    const out = join(dir, 'out.ndjson')
    const log = await openSessionLog(path, { copyTo: () => out })
    expect(log.complete).toBe(false)
    await log.close()
    await expect(log.copy).rejects.toThrow(/stopped before the end/)
    expect(existsSync(out)).toBe(false)
  })

  it('fails to open with a message naming both files when the copy cannot be created, leaving nothing', async () => {
    const dir = folder()
    const path = join(dir, 'in.ndjson')
    writeSyntheticRecording(path, { records: 10 })
    const out = join(dir, 'missing-folder', 'out.ndjson')
    await expect(openSessionLog(path, { copyTo: () => out })).rejects.toThrow(`${path}: cannot copy it to ${out}: ENOENT`)
    expect(existsSync(join(dir, 'missing-folder'))).toBe(false)
  })
})
