import { describe, expect, it } from 'vitest'
import type { FrameRecord } from '../api/frame-record'
import { extractRunReports } from './extract-run-report'
import { runReportMarkdown, reportsMarkdownSection } from './report-markdown'

let seq = 0
function frame(value: unknown): FrameRecord {
  const data = JSON.stringify(value)
  seq += 1
  return { seq, t: seq * 10, dir: 'in', kind: 'message', opcode: 1, encoding: 'utf8', data, size: data.length }
}

const dataRequest = {
  success: true,
  data_request: {
    data_categories: [{ name: 'Cloud billing', items: [{ item: 'Monthly spend per service', justification: 'Baseline' }] }],
    user_instructions: 'Export your last three bills.',
    structured_items: [
      { category: 'Cloud billing', data_point: 'Monthly spend per service', justification: 'Baseline', required: true },
      { category: 'Storage', data_point: 'Storage classes', justification: 'Tiering', required: false }
    ]
  }
}

describe('extractRunReports', () => {
  it('reads a data request from a standard agent_completed and a report from a flat one', () => {
    const reports = extractRunReports([
      frame({ type: 'tool_completed', run_id: 'r1', agent_name: 'data_helper', tool_name: 'data_helper', results: { success: true, data_request_generated: true }, data: {} }),
      frame({ type: 'agent_completed', data: { agent_name: 'data_helper', run_id: 'r1', status: 'completed', result: dataRequest }, timestamp: 1 }),
      frame({
        type: 'agent_completed',
        run_id: 'r1',
        agent_name: 'reporting',
        timestamp: '2025-01-01T00:00:00Z',
        data: {
          status: 'completed',
          result: {
            report_content: '# Costs\n\nWe need data.',
            sections: ['Summary', { title: 'Next steps', content: 'Send bills' }],
            total_sections: 2,
            has_recommendations: true,
            report_type: 'data_request_report',
            completion_status: 'awaiting_data',
            recommendations: [{ title: 'Share billing', impact: 'high' }],
            total_potential_savings: 14260,
            insights: ['EC2 grew 31%'],
            confidence: 0.8
          }
        }
      })
    ])
    expect(reports).toHaveLength(1)
    const [run] = reports
    expect(run.dataHelper?.kind).toBe('request')
    if (run.dataHelper?.kind !== 'request') throw new Error('unreachable')
    expect(run.dataHelper.categories[0].items[0]).toEqual({ item: 'Monthly spend per service', justification: 'Baseline' })
    expect(run.dataHelper.structuredItems.map((item) => item.required)).toEqual([true, false])
    expect(run.dataHelper.userInstructions).toBe('Export your last three bills.')
    expect(run.report?.kind).toBe('report')
    if (run.report?.kind !== 'report') throw new Error('unreachable')
    expect(run.report.sections).toEqual([
      { title: 'Summary', body: null },
      { title: 'Next steps', body: 'Send bills' }
    ])
    expect(run.report.recommendations[0]).toEqual({ title: 'Share billing', details: [{ label: 'Impact', value: 'high' }] })
    expect(run.businessValue.map((field) => [field.field, field.value])).toEqual([
      ['total_potential_savings', '14,260'],
      ['insights', ['EC2 grew 31%']],
      ['confidence', '80%']
    ])
    expect(run.agentOutputs).toEqual({ data_helper: 2, reporting: 3 })
  })

  it('shows a data helper failure and a fallback report as such, through wrappers', () => {
    const [run] = extractRunReports([
      frame({
        type: 'agent_progress',
        data: { event: 'agent_completed', payload: { run_id: 'r2', agent_name: 'data_helper', result: { success: false, error: 'LLM timeout', fallback_message: 'Please upload your bill.' } } }
      }),
      frame({
        type: 'system_message',
        data: {
          event: 'agent_completed',
          run_id: 'r2',
          agent_name: 'reporting',
          result: { report: 'Partial analysis only.', report_type: 'fallback', status: 'degraded', summary: 'Fallback', metadata: { reason: 'upstream error' }, next_steps: ['Retry later'] }
        }
      })
    ])
    expect(run.dataHelper).toMatchObject({ kind: 'failure', error: 'LLM timeout', fallbackMessage: 'Please upload your bill.' })
    expect(run.report).toMatchObject({ kind: 'fallback', report: 'Partial analysis only.', nextSteps: ['Retry later'] })
    const markdown = runReportMarkdown(run)
    expect(markdown).toContain('Data helper: failed')
    expect(markdown).toContain('FALLBACK report')
    expect(markdown).toContain('Please upload your bill.')
    expect(markdown).not.toContain('{')
  })

  it('does not mistake another agent failing for a data helper failure, and ignores client frames', () => {
    const client = { ...frame({ type: 'agent_completed', run_id: 'r3', agent_name: 'data_helper', data: { result: dataRequest } }), dir: 'out' as const }
    const reports = extractRunReports([
      client,
      frame({ type: 'agent_completed', run_id: 'r3', agent_name: 'optimization', data: { result: { success: false, error: 'boom' } } })
    ])
    expect(reports[0].dataHelper).toBeNull()
    expect(reportsMarkdownSection(reports)).toBe('')
  })

  it('renders the data request as a readable table with required flags', () => {
    const [run] = extractRunReports([frame({ type: 'agent_completed', run_id: 'r4', agent_name: 'data_helper', data: { result: dataRequest } })])
    const markdown = reportsMarkdownSection([run])
    expect(markdown).toContain('## What the agents said')
    expect(markdown).toContain('| Cloud billing | Monthly spend per service | required | Baseline |')
    expect(markdown).toContain('| Storage | Storage classes | optional | Tiering |')
    expect(markdown).toContain('> Export your last three bills.')
  })
})
