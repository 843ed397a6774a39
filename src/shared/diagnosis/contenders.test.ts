import { describe, expect, it } from 'vitest'
import type { Component } from './components'
import { contendersOf } from './contenders'
import type { Confidence, Severity } from './diagnosis-types'
import type { RankedFinding } from './rules/rule-finding'

const ranked = (component: Component, confidence: Confidence, rank = 20, severity: Severity = 'error'): RankedFinding => ({
  component,
  severity,
  confidence,
  code: `${component}.x`,
  title: 't',
  explanation: 'e',
  evidence: [],
  nextSteps: [],
  rank
})

describe('contenders: when two components explain the problem equally, both are named', () => {
  it('same severity, same directness, neither certain: both compete', () => {
    expect(contendersOf([ranked('auth', 'possible'), ranked('database', 'possible')])).toEqual(['auth', 'database'])
    expect(contendersOf([ranked('auth', 'likely'), ranked('gateway', 'likely'), ranked('server', 'possible')])).toEqual(['auth', 'gateway'])
  })

  it('a certain top, a weaker rival, a less direct one or another severity does not compete', () => {
    expect(contendersOf([ranked('auth', 'certain'), ranked('database', 'certain')])).toEqual([])
    expect(contendersOf([ranked('auth', 'likely'), ranked('database', 'possible')])).toEqual([])
    expect(contendersOf([ranked('network', 'likely', 20), ranked('server', 'likely', 60)])).toEqual([])
    expect(contendersOf([ranked('network', 'likely'), ranked('server', 'likely', 20, 'warning')])).toEqual([])
  })
})
