import { openSync, writeSync, closeSync } from 'node:fs'
import { headerLine, newSessionLogHeader, recordLine, type SessionLogHeader } from '../../../shared/session-log/session-log-format'

/** A JSON frame like the flood's, numbered; `padding` characters make it as large as wanted. */
export function floodFrame(index: number, total: number, padding = 0): string {
  // A template, not JSON.stringify: writing a million of them must take a moment, not seconds.
  return `{"type":"stream_chunk","data":{"index":${index},"total":${total},"chunk":"lorem ipsum dolor sit amet #${index}${padding > 0 ? '.'.repeat(padding) : ''}"},"timestamp":${1764582000 + index / 1000}}`
}

/** Options of {@link writeSyntheticRecording}. */
export type SyntheticRecordingOptions = {
  records: number
  /** Extra characters per frame (0: ~110-byte lines; 900: ~1 KB frames as in the benchmark). */
  padding?: number
  /** Format version written in the header (1 writes every frame as an escaped string, as version 1 did). */
  version?: number
}

/**
 * Write a recording of `records` records straight to disk, line by line (no session, no socket):
 * a session-start, then numbered data frames. For tests and benchmarks that need big files fast.
 */
export function writeSyntheticRecording(path: string, options: SyntheticRecordingOptions): SessionLogHeader {
  const header = { ...newSessionLogHeader('s-synthetic', 1_764_582_000_000, { name: 'netra-diagnostics', version: 'test' }), version: options.version ?? 2 }
  const fd = openSync(path, 'w', 0o600)
  try {
    let chunk = headerLine(header)
    chunk += recordLine({ seq: 0, t: 0, dir: 'local', kind: 'session-start', wallClock: 1_764_582_000_000, environment: { id: 'sandbox', name: 'Sandbox', kind: 'sandbox' }, url: 'ws://127.0.0.1:1/ws', authMethod: 'none' })
    for (let seq = 1; seq < options.records; seq++) {
      const data = floodFrame(seq, options.records, options.padding ?? 0)
      // The lines recordLine would write (the frame is valid single-line JSON), without validating each.
      chunk +=
        options.version === 1
          ? `${JSON.stringify({ seq, t: seq / 10, dir: 'in', kind: 'message', opcode: 1, encoding: 'utf8', data, size: data.length })}\n`
          : `{"seq":${seq},"t":${seq / 10},"dir":"in","kind":"message","opcode":1,"encoding":"utf8","size":${data.length},"json":${data}}\n`
      if (chunk.length > 4_000_000) {
        writeSync(fd, chunk)
        chunk = ''
      }
    }
    writeSync(fd, chunk)
  } finally {
    closeSync(fd)
  }
  return header
}
