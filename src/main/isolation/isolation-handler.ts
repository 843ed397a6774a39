import type { ContractBackend, MethodRequest, MethodResponse } from '../../shared/api/contract'
import type { FrameRef } from '../../shared/isolation'
import type { SessionModel } from '../../shared/session-model'
import { runIsolationCheck } from './run-isolation-check'

/** The most of a frame's text the leak detail shows; records are redacted already. */
const FRAME_TEXT_LIMIT = 8000

const DEFAULT_MESSAGE = 'Analyse my cloud costs'

function frameText(models: ReadonlyMap<string, SessionModel>, ref: FrameRef): string {
  const record = models.get(ref.sessionId)?.records.find((candidate) => candidate.seq === ref.seq)
  if (!record) return ''
  const text = record.kind === 'message' ? record.data : JSON.stringify(record)
  return text.length > FRAME_TEXT_LIMIT ? `${text.slice(0, FRAME_TEXT_LIMIT)}… (${text.length} characters)` : text
}

/**
 * `isolation.run` for a UI: run the check through the backend's own methods (so its sessions
 * appear in the session list like any other) and return the matrix with both frames' text.
 */
export async function runIsolationForUi(backend: ContractBackend, request: MethodRequest<'isolation.run'>): Promise<MethodResponse<'isolation.run'>> {
  const result = await runIsolationCheck(backend, {
    environmentId: request.environmentId,
    users: request.users,
    message: request.message ?? DEFAULT_MESSAGE,
    timeoutMs: request.timeoutMs ?? 60_000,
    credentialIds: request.credentialIds
  })
  const models = new Map(result.sessions.map((session) => [session.sessionId, session.model]))
  const { report } = result
  return {
    environmentId: result.environment.id,
    participants: report.participants,
    matrix: report.matrix,
    unowned: report.unowned,
    leaks: report.leaks.map((leak) => ({
      ...leak,
      frame: { ...leak.frame, data: frameText(models, leak.frame) },
      ownerFrame: leak.ownerFrame ? { ...leak.ownerFrame, data: frameText(models, leak.ownerFrame) } : null
    }))
  }
}
