/**
 * `node --import tsx bench/har-import.ts [MB]`: import a large DevTools-style HAR (default 100 MB,
 * ~1 KB JSON frames) and report time and memory against a baseline on the same file in the same
 * run: `JSON.parse` of the whole text (what a non-streaming reader would do; it cannot go past
 * ~512 MB). Each measurement runs in a fresh child process so peak RSS is its own. No assertions.
 */
import { execFileSync } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'

const mode = process.argv[2]

async function child(what: string, har: string, out: string): Promise<void> {
  const started = performance.now()
  let peak = process.memoryUsage().rss
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5)
  let detail: string
  if (what === 'parse') {
    const { readFileSync } = await import('node:fs')
    const value = JSON.parse(readFileSync(har, 'utf8')) as {
      log: { entries: Array<{ _webSocketMessages?: unknown[] }> }
    }
    detail = `${value.log.entries[0]._webSocketMessages?.length} messages`
  } else if (what === 'list') {
    const { listHarWebSockets } = await import('../src/main/recordings/har/har-index')
    detail = `${(await listHarWebSockets(har))[0].messages} messages`
  } else {
    const { convertHarToRecording } = await import('../src/main/recordings/har/convert-har')
    detail = `${(await convertHarToRecording(har, out)).records} records`
  }
  clearInterval(timer)
  peak = Math.max(peak, process.memoryUsage().rss)
  process.stdout.write(JSON.stringify({ ms: performance.now() - started, peakMb: peak / 1048576, detail }))
}

if (mode === '--child')
  void child(process.argv[3], process.argv[4], process.argv[5]).then(() => process.exit(0))
else main()

function main(): void {
  const megabytes = Number(mode ?? 100)
  const dir = mkdtempSync(join(tmpdir(), 'netra-har-bench-'))
  const har = join(dir, 'big.har')
  try {
    const fd = openSync(har, 'w')
    const t0 = 1_796_119_200
    writeSync(
      fd,
      '{\n  "log": {\n    "version": "1.2",\n    "creator": {"name": "WebInspector", "version": "537.36"},\n    "entries": [\n      {\n        "_resourceType": "websocket",\n'
    )
    writeSync(
      fd,
      '        "request": {"method": "GET", "url": "wss://api.netrasystems.ai/ws", "headers": [{"name": "Sec-WebSocket-Protocol", "value": "jwt.ZXlKaGJHY2lPaUpJVXpJMU5pSjkuZXlKemRXSWlPaUoxSW4wLnNpZw"}]},\n'
    )
    writeSync(
      fd,
      '        "response": {"status": 101, "statusText": "Switching Protocols", "headers": []},\n        "startedDateTime": "2026-12-01T10:00:00.000Z", "time": 10,\n        "_webSocketMessages": [\n'
    )
    let bytes = 0
    let n = 0
    let chunk = ''
    const pad = 'lorem ipsum dolor sit amet '.repeat(34)
    while (bytes < megabytes * 1_000_000) {
      const data = JSON.stringify(JSON.stringify({ type: 'stream_chunk', data: { index: n, chunk: pad } }))
      const line = `${n ? ',\n' : ''}          {"type": "${n % 50 ? 'receive' : 'send'}", "time": ${t0 + n / 1000}, "opcode": 1, "data": ${data}}`
      chunk += line
      bytes += line.length
      n++
      if (chunk.length > 4_000_000) {
        writeSync(fd, chunk)
        chunk = ''
      }
    }
    writeSync(fd, `${chunk}\n        ]\n      }\n    ]\n  }\n}\n`)
    closeSync(fd)
    const size = statSync(har).size
    const run = (what: string): { ms: number; peakMb: number; detail: string } =>
      JSON.parse(
        execFileSync(
          process.execPath,
          ['--import', 'tsx', __filename, '--child', what, har, join(dir, `${what}.ndjson`)],
          { encoding: 'utf8', maxBuffer: 1 << 20 }
        )
      )
    const parse = run('parse')
    const list = run('list')
    const convert = run('convert')
    const out = statSync(join(dir, 'convert.ndjson')).size
    const mb = (value: number): string => `${value.toFixed(0)} MB`
    process.stdout.write(
      [
        `HAR of ${(size / 1e6).toFixed(1)} MB, ${n} messages; load average ${loadavg()
          .map((v) => v.toFixed(2))
          .join(' ')}`,
        `baseline JSON.parse of the whole file: ${(parse.ms / 1000).toFixed(2)} s, peak RSS ${mb(parse.peakMb)} (${parse.detail})`,
        `listHarWebSockets (one streaming pass): ${(list.ms / 1000).toFixed(2)} s (${(list.ms / parse.ms).toFixed(2)}× the baseline), peak RSS ${mb(list.peakMb)} (${list.detail})`,
        `convertHarToRecording (two passes + write): ${(convert.ms / 1000).toFixed(2)} s (${(convert.ms / parse.ms).toFixed(2)}× the baseline, ${(size / 1e6 / (convert.ms / 1000)).toFixed(0)} MB/s), peak RSS ${mb(convert.peakMb)} (${convert.detail}, ${(out / 1e6).toFixed(1)} MB recording)`
      ].join('\n') + '\n'
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
