import { describe, expect, it } from 'vitest'
import type { Component } from './components'
import type { Severity } from './diagnosis-types'
import { failureStage } from './failure-stage'
import { orderFindings } from './rank-findings'
import { RANK, type RankedFinding } from './rules/rule-finding'

function finding(code: string, rank: number, nextSteps: string[], severity: Severity = 'error'): RankedFinding {
  return { component: code.split('.')[0] as Component, severity, confidence: 'likely', code, title: code, explanation: code, evidence: [], nextSteps, rank }
}

describe('orderFindings: what stops the connection first is reported first', () => {
  it('puts a missing token before a refused port, whatever order the rules gave them in', () => {
    const refused = finding('network.connection-refused', RANK.reported, ['Check that the server is running and listening on that port.'])
    const noToken = finding('auth.setup-failed', RANK.quality, ['Check the credential for this environment.'])
    expect(orderFindings([refused, noToken]).map((f) => f.code)).toEqual(['auth.setup-failed', 'network.connection-refused'])
    expect(orderFindings([noToken, refused]).map((f) => f.code)).toEqual(['auth.setup-failed', 'network.connection-refused'])
  })

  it('orders the stages that end an attempt: credentials → DNS/TCP → TLS → HTTP upgrade → after the upgrade', () => {
    const codes = ['server.protocol-error', 'gateway.upgrade-bad-gateway', 'tls.handshake-failed', 'network.dns-failed', 'client.invalid-url']
    expect(orderFindings(codes.map((code) => finding(code, RANK.reported, []))).map((f) => f.code)).toEqual([...codes].reverse())
    expect(codes.map(failureStage)).toEqual(['protocol', 'upgrade', 'tls', 'dns-tcp', 'credentials'])
  })

  it('after the upgrade the most direct explanation still leads: a reported agent error before the inferred close it caused', () => {
    const agentError = finding('agent-supervisor.agent-error', RANK.reported, [])
    const unexplained = finding('server.unexplained-1011', RANK.inferred, [])
    expect(orderFindings([unexplained, agentError]).map((f) => f.code)).toEqual(['agent-supervisor.agent-error', 'server.unexplained-1011'])
    // Equally direct: protocol before agents.
    expect(orderFindings([finding('llm.agent-timeout', RANK.inferred, []), unexplained]).map((f) => f.code)).toEqual(['server.unexplained-1011', 'llm.agent-timeout'])
  })

  it('keeps severity first: an early-stage warning does not hide a later error', () => {
    const expiring = finding('auth.token-expired', RANK.token, [], 'warning')
    const refused = finding('network.connection-refused', RANK.reachability, [])
    expect(orderFindings([expiring, refused]).map((f) => f.code)).toEqual(['network.connection-refused', 'auth.token-expired'])
  })

  it('lists a next step once, under the first finding that gives it', () => {
    const firewall = 'Check firewall rules between this machine and the server.'
    const ordered = orderFindings([
      finding('network.tcp-timeout', RANK.reachability, [firewall, 'Check the address.']),
      finding('network.dns-failed', RANK.reachability, ['Check VPN / split DNS.', 'check firewall rules between this machine and the server']),
      finding('server.protocol-error', RANK.reported, [firewall, 'Read the server log.'])
    ])
    expect(ordered.map((f) => f.nextSteps)).toEqual([
      ['Check VPN / split DNS.', 'check firewall rules between this machine and the server'],
      ['Check the address.'],
      ['Read the server log.']
    ])
  })
})
