import { describe, expect, it } from 'vitest'
import { runConcurrentLoad } from './testing/concurrent-load'

/**
 * 50 sessions at once through the real backend against the real sandbox (issue 9): zero frames
 * lost (every seq present and in order per session, every flood chunk, the backlog equal to the
 * pushes) and zero cross-talk (every frame carries its own session's user, thread, connection,
 * run and flood count). `npm run soak -- --sessions 200 …` runs it larger.
 */
describe('concurrent load', () => {
  it('50 sessions at once: zero frames lost, zero cross-talk', async () => {
    const report = await runConcurrentLoad({ sessions: 50, floodFrames: 2000, timeoutMs: 150_000 })
    console.log(
      `concurrent load: ${report.sessions} sessions, ${report.records} records (${report.floodFrames} flood frames) in ${report.ms} ms; ` +
        `seq gaps ${report.seqGaps}, flood frames lost ${report.floodLost}, backlog mismatches ${report.backlogMismatch}, ` +
        `cross-talk ${report.crossTalk.length}, incomplete runs ${report.runsIncomplete}`
    )
    expect(report.sessions).toBe(50)
    expect(report.floodFrames).toBe(50 * 2000 + (49 * 50) / 2)
    expect(report.seqGaps).toBe(0)
    expect(report.floodLost).toBe(0)
    expect(report.backlogMismatch).toBe(0)
    expect(report.crossTalk).toEqual([])
    expect(report.runsIncomplete).toBe(0)
  }, 180_000)

  it('the cross-talk check is real: a sandbox leaking another user\'s ids is caught', async () => {
    const report = await runConcurrentLoad({ sessions: 3, floodFrames: 10, timeoutMs: 60_000, faults: ['cross-user-leak'] })
    expect(report.crossTalk.length).toBeGreaterThan(0)
    // With other users connected the sandbox routes one user's event to another user's socket.
    expect(report.crossTalk.some((line) => /#\d+: (user_id|run_id|thread_id) /.test(line))).toBe(true)
    expect(report.seqGaps).toBe(0)
  }, 90_000)
})
