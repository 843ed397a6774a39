import type { Component } from '../components'
import type { Severity } from '../diagnosis-types'

/** What the handshake rules conclude about one upgrade, before it becomes a finding. */
export type UpgradeVerdict = {
  component: Component
  code: string
  title: string
  explanation: string
  nextSteps: string[]
  rank: number
  severity?: Severity
}
