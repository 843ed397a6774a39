import { headerLine, newSessionLogHeader, recordLine } from '../../shared/session-log/session-log-format'
import type { ExportInput } from './export-input'
import { toHar } from './to-har'
import { toJunit } from './to-junit'
import { toMarkdown } from './to-markdown'

/** Export formats, with their file extension and media type. */
export const EXPORT_FORMATS = {
  ndjson: { extension: 'ndjson', mimeType: 'application/x-ndjson' },
  har: { extension: 'har', mimeType: 'application/json' },
  junit: { extension: 'xml', mimeType: 'application/xml' },
  markdown: { extension: 'md', mimeType: 'text/markdown' }
} as const

/** One of the export formats. */
export type ExportFormat = keyof typeof EXPORT_FORMATS

/** Render a session in a format; every format carries only already-redacted record data. */
export function exportSession(format: ExportFormat, input: ExportInput): string {
  switch (format) {
    case 'ndjson': {
      const header = headerLine(newSessionLogHeader(input.model.sessionId, input.model.start?.wallClock ?? Date.now(), input.app))
      return header + input.model.records.map(recordLine).join('')
    }
    case 'har':
      return toHar(input)
    case 'junit':
      return toJunit(input)
    case 'markdown':
      return toMarkdown(input)
  }
}
