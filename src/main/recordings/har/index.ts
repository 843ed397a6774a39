/**
 * HAR import (issue 11): list a HAR's WebSocket entries, convert one into a recording, and the
 * contract methods over them. The replay CLI and the library's file-open flow start here.
 */
export { convertHarToRecording, type ConvertHarOptions, type ConvertHarResult } from './convert-har'
export type { HarWebSocketEntry } from './har-entry'
export { harHandlers } from './har-handlers'
export { listHarWebSockets, type HarIssue, type HarReadOptions } from './har-index'
