import { describe, expect, it } from 'vitest'
import { CRITICAL_EVENTS, type CriticalEventType } from '../protocol/agent-event'
import { criticalCell } from './critical-cell'

const critical = (...present: CriticalEventType[]): Record<CriticalEventType, boolean> =>
  Object.fromEntries(CRITICAL_EVENTS.map((type) => [type, present.includes(type)])) as Record<
    CriticalEventType,
    boolean
  >

describe('criticalCell: an agent owes the answers of the pairs it opened, nothing more', () => {
  it('a Supervisor that only wraps the run owes nothing more', () => {
    const supervisor = critical('agent_started', 'agent_completed')
    expect(CRITICAL_EVENTS.map((type) => criticalCell({ critical: supervisor }, type))).toEqual([
      'seen',
      'not-owed',
      'not-owed',
      'not-owed',
      'seen'
    ])
  })

  it('an agent without a tool owes no tool events', () => {
    const triage = critical('agent_started', 'agent_thinking', 'agent_completed')
    expect(criticalCell({ critical: triage }, 'tool_executing')).toBe('not-owed')
    expect(criticalCell({ critical: triage }, 'tool_completed')).toBe('not-owed')
  })

  it('an unanswered tool_executing owes tool_completed; an unclosed agent_started owes agent_completed', () => {
    const helper = critical('agent_started', 'agent_thinking', 'tool_executing')
    expect(criticalCell({ critical: helper }, 'tool_completed')).toBe('owed')
    expect(criticalCell({ critical: helper }, 'agent_completed')).toBe('owed')
  })

  it('an agent ended by an error, death or timeout event owes no agent_completed', () => {
    const died = {
      critical: critical('agent_started', 'agent_thinking'),
      events: [{ type: 'agent_started' }, { type: 'agent_thinking' }, { type: 'agent_death' }]
    }
    expect(criticalCell(died, 'agent_completed')).toBe('not-owed')
  })
})
