import type { CutOff } from '../session-model'
import type { DerivedRun } from './derive-runs'
import type { AttemptEvidence, OutgoingMessage, ResolvedContext } from './session-evidence'

/** Client message types that ask for an answer (PROTOCOL.md §3, with the aliases the server accepts). */
export const REQUEST_TYPES: ReadonlySet<string> = new Set([
  'user_message',
  'start_agent',
  'chat',
  'chat_message',
  'message',
  'user_input',
  'execute_agent'
])

/**
 * Where the user's answer stands — the axis the verdict is decided on:
 * - `not-asked`: nothing was asked (connected only, or never connected);
 * - `answered`: a run completed after the last request (`afterRetry` when an earlier attempt failed);
 * - `awaiting`: asked, the session open, still within the answer budget;
 * - `overdue`: asked, and no answer within the budget (or the caller stopped waiting);
 * - `cut-off`: the connection ended, not by the client, before the answer — or the recording ended
 *   before the answer without the connection's close (`recordingEnded`: a crash or kill cut it off);
 * - `abandoned`: the client (the user) closed before the answer, within the budget — not a fault;
 * - `run-failed`: the run answering the request ended in an agent error, death or timeout.
 */
export type AnswerState =
  | { kind: 'not-asked' }
  | { kind: 'answered'; request: OutgoingMessage; run: DerivedRun; afterRetry: boolean }
  | { kind: 'awaiting'; request: OutgoingMessage; elapsedMs: number; budgetMs: number; run: DerivedRun | null }
  | { kind: 'overdue'; request: OutgoingMessage; elapsedMs: number; budgetMs: number; run: DerivedRun | null }
  | { kind: 'cut-off'; request: OutgoingMessage; run: DerivedRun | null; recordingEnded?: boolean }
  | { kind: 'abandoned'; request: OutgoingMessage; elapsedMs: number; run: DerivedRun | null }
  | { kind: 'run-failed'; request: OutgoingMessage; run: DerivedRun }

/** Does this state mean the user cannot get the answer? */
export function answerDenied(state: AnswerState): boolean {
  return state.kind === 'overdue' || state.kind === 'cut-off' || state.kind === 'run-failed'
}

/**
 * The run that answers a request: the first run begun after it (the same user's other requests may
 * run on this socket too, but they start later, and finishing one of those is no answer); when none
 * began after it, a run already going that ends after it (a server that reuses the thread's run).
 */
function answeringRun(runs: readonly DerivedRun[], request: OutgoingMessage): DerivedRun | null {
  let first: DerivedRun | null = null
  for (const run of runs) if (run.firstSeq > request.seq && (first === null || run.firstSeq < first.firstSeq)) first = run
  if (first !== null) return first
  return (
    runs.find((run) => run.status === 'completed' && (run.endSeq ?? -1) > request.seq) ??
    runs.find((run) => run.status === 'running') ??
    null
  )
}

/**
 * Read where the user's last request stands, from the attempts, the runs and the time now;
 * `cutOff` is set when the records come from a finished recording that ends without a close.
 */
export function readAnswerState(
  attempts: readonly AttemptEvidence[],
  runs: readonly DerivedRun[],
  context: Pick<ResolvedContext, 'elapsedMs' | 'sla' | 'waitOver'>,
  cutOff: CutOff | null = null
): AnswerState {
  const asks = attempts.flatMap((attempt) =>
    attempt.outgoing
      .filter((message) => message.type !== null && REQUEST_TYPES.has(message.type))
      .map((request) => ({ request, attempt }))
  )
  const last = asks.at(-1)
  if (!last) return { kind: 'not-asked' }
  const { request, attempt } = last
  const run = answeringRun(runs, request)
  const budgetMs = context.sla.fullAnswerMs
  if (run?.status === 'completed') {
    return { kind: 'answered', request, run, afterRetry: attempt.index > 0 }
  }
  if (run?.status === 'error') return { kind: 'run-failed', request, run }
  const close = attempt.view.close
  if (close && close.seq > request.seq) {
    const waited = close.t - request.t
    if (close.initiator === 'client')
      return waited >= budgetMs || context.waitOver
        ? { kind: 'overdue', request, elapsedMs: waited, budgetMs, run }
        : { kind: 'abandoned', request, elapsedMs: waited, run }
    return { kind: 'cut-off', request, run }
  }
  // Nothing more will come and the connection never ended: the answer can no longer arrive here.
  if (cutOff && !close) return { kind: 'cut-off', request, run, recordingEnded: true }
  const elapsedMs = Math.max(0, context.elapsedMs - request.t)
  if (context.waitOver || elapsedMs >= budgetMs) return { kind: 'overdue', request, elapsedMs, budgetMs, run }
  return { kind: 'awaiting', request, elapsedMs, budgetMs, run }
}
