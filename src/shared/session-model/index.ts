export { applyRecords } from './apply-records'
export { createSessionModel } from './session-model'
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
