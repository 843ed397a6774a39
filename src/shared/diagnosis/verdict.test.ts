import { describe, expect, it } from 'vitest'
import type { AnswerState } from './answer-state'
import type { DerivedRun } from './derive-runs'
import type { Finding, Severity } from './diagnosis-types'
import { severityForUser, verdictFor } from './verdict'

const finding = (severity: Severity, code = 'server.x'): Finding => ({
  component: 'server',
  severity,
  confidence: 'likely',
  code,
  title: 't',
  explanation: 'e',
  evidence: [],
  nextSteps: []
})
const request = { seq: 10, t: 100, type: 'user_message', size: 10 }
const run = {} as DerivedRun
const state = (kind: AnswerState['kind']): AnswerState => {
  switch (kind) {
    case 'not-asked':
      return { kind }
    case 'answered':
      return { kind, request, run, afterRetry: false }
    case 'awaiting':
    case 'overdue':
      return { kind, request, elapsedMs: 1, budgetMs: 60000, run: null }
    case 'abandoned':
      return { kind, request, elapsedMs: 1, run: null }
    case 'cut-off':
      return { kind, request, run: null }
    case 'run-failed':
      return { kind, request, run }
  }
}

describe('verdictFor: one rule, from the user\'s point of view', () => {
  it('failing: the user cannot get an answer (no answer in time, cut off, the run failed), whatever the findings', () => {
    for (const kind of ['overdue', 'cut-off', 'run-failed'] as const) {
      expect(verdictFor([], state(kind)), kind).toBe('failing')
      expect(verdictFor([finding('info')], state(kind)), kind).toBe('failing')
    }
  })

  it('failing: a finding whose effect on the user is that they get no answer (an error)', () => {
    for (const kind of ['not-asked', 'awaiting', 'abandoned'] as const) expect(verdictFor([finding('error')], state(kind)), kind).toBe('failing')
  })

  it('degraded: something is wrong, the answer came (or is not stopped)', () => {
    for (const kind of ['answered', 'not-asked', 'awaiting', 'abandoned'] as const)
      expect(verdictFor([finding('warning'), finding('info')], state(kind)), kind).toBe('degraded')
  })

  it('healthy: nothing wrong, notes at most; a user who walked away is no fault', () => {
    for (const kind of ['answered', 'not-asked', 'awaiting', 'abandoned'] as const) {
      expect(verdictFor([], state(kind)), kind).toBe('healthy')
      expect(verdictFor([finding('info')], state(kind)), kind).toBe('healthy')
    }
  })
})

describe('severityForUser: once the answer arrived, nothing stopped the user', () => {
  it('an error becomes a warning when the answer arrived, and only then', () => {
    expect(severityForUser(finding('error'), state('answered'))).toBe('warning')
    for (const kind of ['not-asked', 'awaiting', 'overdue', 'cut-off', 'run-failed', 'abandoned'] as const)
      expect(severityForUser(finding('error'), state(kind)), kind).toBe('error')
    expect(severityForUser(finding('warning'), state('answered'))).toBe('warning')
    expect(severityForUser(finding('info'), state('answered'))).toBe('info')
  })

  it('except another user\'s events on this connection: the answer cannot be trusted to be theirs', () => {
    expect(severityForUser(finding('error', 'websocket-manager.cross-user-leak'), state('answered'))).toBe('error')
  })
})
