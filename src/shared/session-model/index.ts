export { applyRecords } from './apply-records'
export { createSessionModel } from './session-model'
export { criticalCell, type CriticalCell } from './critical-cell'
export type {
  AgentRun,
  AttemptView,
  AgentTimeline,
  ConnectionInfo,
  DerivedSessionState,
  FrameRow,
  RunEvent,
  RunStatus,
  SessionModel,
  SessionModelOptions,
  SessionStats
} from './session-model'
export { endRecords, cutOffAt, cutOffLine, type CutOff } from './end-records'
export { RowTable, RowSubset, NO_ROWS, type RowList } from './row-table'
export { BULK_OUTPUT_TYPES, BULK_TEXT_KEPT_UP_TO, bulkStandIn, bulkTypeOf, withoutBulkText } from './bulk-output'
export { RecordLog } from './record-log'
export { FeedBatchBuilder, unpackFeed, transferablesOf, type FeedBatch } from './feed-batch'
export { Float64List } from './float64-list'
