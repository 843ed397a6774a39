export { analyseIsolation, type IsolationInput } from './analyse-isolation'
export { CROSS_USER_EVENT_CODE, leakFinding } from './leak-finding'
export type {
  FrameRef,
  IsolationFinding,
  IsolationLeak,
  IsolationParticipant,
  IsolationReport,
  LeakConfidence,
  LeakReason
} from './isolation-types'
