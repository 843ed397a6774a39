/**
 * The renderer's number and time formatting: the shared formatter (src/shared/format), under the names
 * the views already use, so the UI, the CLI and the exports print a value the same way.
 */
export { formatBytes, formatCount } from '../../../shared/format/count'
export { formatDuration as formatMs, formatOffset } from '../../../shared/format/duration'
export { formatClock } from '../../../shared/format/relative-time'

/**
 * 8 distinguishing characters of an id: enough to tell runs apart in a dense list.
 * A kind prefix (`run_`, `thread_`) is dropped first, since every id in a column shares it.
 */
export function shortId(id: string): string {
  const body = id.replace(/^[a-z]+_(?=[0-9a-z]{8})/i, '')
  return body.length > 8 ? body.slice(0, 8) : body
}
