import type { FrameRecord } from '../api/frame-record'
import type { AgentEvent } from '../protocol/agent-event'
import { parseFrame } from '../protocol/parse-frame'
import { entries, isObject, labelOf, readable, text } from './readable-value'
import type {
  DataCategory,
  DataHelperOutput,
  Recommendation,
  ReportOutput,
  ReportSection,
  RunReport,
  StructuredItem
} from './report-types'

type Obj = Record<string, unknown>

/** Business-value fields seen in the platform's own tests (PROTOCOL.md §4); shown when present. */
export const BUSINESS_VALUE_FIELDS = [
  'total_potential_savings',
  'high_impact_recommendations',
  'implementation_priority',
  'business_impact',
  'insights',
  'confidence'
] as const

const FIELD_ORDER: readonly string[] = BUSINESS_VALUE_FIELDS

/** Event types whose payload can carry an agent's output. */
const OUTPUT_TYPES = new Set(['agent_completed', 'tool_completed', 'final_report', 'agent_response', 'partial_result'])

/**
 * Every object in an event that may be an agent's output. The platform puts results in
 * `data.result`, in `results` at the top level (flat tool events), in `data.results`, or sends
 * the output as the data itself; the wrapper unwrapping is the normaliser's job.
 */
function candidates(event: AgentEvent): Obj[] {
  const found: Obj[] = []
  const push = (value: unknown): void => {
    if (isObject(value) && !found.includes(value)) found.push(value)
  }
  push(event.data.result)
  push(event.data.results)
  push(event.data.report)
  if (isObject(event.raw)) {
    push(event.raw.results)
    push(event.raw.result)
    if (isObject(event.raw.data)) push(event.raw.data.result)
  }
  push(event.data)
  return found
}

function readDataRequest(out: Obj, seq: number, agentName: string | null, fromDataHelper: boolean): DataHelperOutput | null {
  const request = out.data_request
  if (isObject(request)) {
    const categories: DataCategory[] = (Array.isArray(request.data_categories) ? request.data_categories : [])
      .filter(isObject)
      .map((category) => ({
        name: text(category.name) ?? text(category.category) ?? '(unnamed category)',
        items: (Array.isArray(category.items) ? category.items : []).map((item) =>
          isObject(item)
            ? { item: text(item.item) ?? text(item.name) ?? readable(item), justification: text(item.justification) }
            : { item: readable(item), justification: null }
        )
      }))
    const structuredItems: StructuredItem[] = (Array.isArray(request.structured_items) ? request.structured_items : [])
      .filter(isObject)
      .map((item) => ({
        category: text(item.category),
        dataPoint: text(item.data_point) ?? text(item.item) ?? readable(item),
        justification: text(item.justification),
        required: typeof item.required === 'boolean' ? item.required : null
      }))
    return {
      kind: 'request',
      seq,
      agentName,
      categories,
      structuredItems,
      userInstructions: text(request.user_instructions) ?? (request.user_instructions ? readable(request.user_instructions) : null)
    }
  }
  // Only the data helper's own failure is a failed data request; other agents fail in other views.
  if (fromDataHelper && out.success === false && ('fallback_message' in out || 'error' in out)) {
    return {
      kind: 'failure',
      seq,
      agentName,
      error: text(out.error) ?? (out.error ? readable(out.error) : null),
      fallbackMessage: text(out.fallback_message)
    }
  }
  return null
}

function readSections(value: unknown): ReportSection[] {
  if (!Array.isArray(value)) return []
  return value.map((section) => {
    if (isObject(section)) {
      const title = text(section.title) ?? text(section.name) ?? text(section.heading) ?? 'Section'
      const body = text(section.content) ?? text(section.body) ?? text(section.text)
      return { title, body }
    }
    return { title: readable(section), body: null }
  })
}

function readRecommendations(value: unknown): Recommendation[] {
  if (!Array.isArray(value)) return []
  return value.map((entry) => {
    if (!isObject(entry)) return { title: readable(entry), details: [] }
    const titleKey = ['title', 'recommendation', 'action', 'name', 'description'].find((key) => text(entry[key]) !== null)
    const title = titleKey ? (text(entry[titleKey]) ?? '') : 'Recommendation'
    const details = Object.entries(entry)
      .filter(([key]) => key !== titleKey)
      .map(([key, inner]) => ({ label: labelOf(key), value: readable(inner) }))
    return { title, details }
  })
}

function readReport(out: Obj, seq: number, agentName: string | null): ReportOutput | null {
  if (out.report_type === 'fallback' || (text(out.report) !== null && 'next_steps' in out)) {
    const metadata = isObject(out.metadata)
      ? Object.entries(out.metadata).map(([key, inner]) => ({ label: labelOf(key), value: readable(inner) }))
      : []
    return {
      kind: 'fallback',
      seq,
      agentName,
      report: text(out.report) ?? (out.report ? readable(out.report) : null),
      status: text(out.status),
      summary: text(out.summary) ?? (out.summary ? readable(out.summary) : null),
      nextSteps: out.next_steps === undefined ? [] : entries(out.next_steps),
      metadata
    }
  }
  if (!('report_content' in out) && !('report_type' in out && 'sections' in out)) return null
  return {
    kind: 'report',
    seq,
    agentName,
    content: text(out.report_content) ?? (out.report_content ? readable(out.report_content) : null),
    sections: readSections(out.sections),
    totalSections: typeof out.total_sections === 'number' ? out.total_sections : null,
    hasRecommendations: typeof out.has_recommendations === 'boolean' ? out.has_recommendations : null,
    recommendations: readRecommendations(out.recommendations),
    reportType: text(out.report_type),
    completionStatus: text(out.completion_status)
  }
}

function businessValue(value: unknown): string | string[] {
  if (Array.isArray(value)) return entries(value)
  if (typeof value === 'number' && value > 0 && value <= 1 && !Number.isInteger(value)) {
    // Confidence is a probability on the wire; a person reads a percentage.
    return `${Math.round(value * 100)}%`
  }
  return readable(value)
}

/**
 * The reports per run of a session read record by record, in order: for a caller that folds a
 * session batch by batch and keeps no records (the exports' summary).
 */
export class RunReportsBuilder {
  private readonly byRun = new Map<string, RunReport>()

  /**
   * Read the next record. `label`, its row's label when the caller has folded it already (the
   * message type of a readable frame), spares parsing a frame whose type says it carries no
   * output: in a flood, every frame would otherwise be parsed a second time.
   */
  add(record: FrameRecord, label?: string): void {
    if (record.kind !== 'message' || record.dir !== 'in') return
    if (label !== undefined && !OUTPUT_TYPES.has(label)) return
    const parsed = parseFrame(record.encoding, record.data)
    const event = parsed.event
    if (!event || event.runId === null || !OUTPUT_TYPES.has(event.type)) return
    let report = this.byRun.get(event.runId)
    if (!report) {
      report = { runId: event.runId, dataHelper: null, report: null, businessValue: [], agentOutputs: {} }
      this.byRun.set(event.runId, report)
    }
    const agent = event.agentName
    if (agent !== null && (event.type === 'agent_completed' || report.agentOutputs[agent] === undefined)) {
      report.agentOutputs[agent] = record.seq
    }
    const fromDataHelper = agent === 'data_helper' || event.toolName === 'data_helper'
    for (const out of candidates(event)) {
      // The agent's own completion outranks its tool summary: keep the latest data request/report seen.
      const request = readDataRequest(out, record.seq, agent, fromDataHelper)
      if (request && (report.dataHelper === null || request.kind === 'request' || report.dataHelper.kind === 'failure')) {
        report.dataHelper = request
      }
      const finalReport = readReport(out, record.seq, agent)
      if (finalReport) report.report = finalReport
      for (const field of BUSINESS_VALUE_FIELDS) {
        if (!(field in out) || out[field] === null || out[field] === undefined) continue
        // Triage's own confidence is about classification, not business value: only count it from a report.
        if (field === 'confidence' && !('report_content' in out || 'report_type' in out || 'total_potential_savings' in out)) continue
        const value = { field, label: labelOf(field), value: businessValue(out[field]), seq: record.seq, agentName: agent }
        const existing = report.businessValue.findIndex((entry) => entry.field === field)
        if (existing === -1) report.businessValue.push(value)
        else report.businessValue[existing] = value
      }
    }
  }

  /** The reports of every record read so far, runs in order of first output. */
  reports(): RunReport[] {
    for (const report of this.byRun.values()) {
      report.businessValue.sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field))
    }
    return [...this.byRun.values()]
  }
}

/** A report per run, built from whatever part of the session the caller holds. */
export function extractRunReports(records: readonly FrameRecord[]): RunReport[] {
  const builder = new RunReportsBuilder()
  for (const record of records) builder.add(record)
  return builder.reports()
}

/** Does this run have anything the Report tab or the export shows? */
export function hasReportContent(report: RunReport): boolean {
  return report.dataHelper !== null || report.report !== null || report.businessValue.length > 0
}
