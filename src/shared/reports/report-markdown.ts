import type { DataHelperOutput, ReportOutput, RunReport } from './report-types'

function quote(text: string): string {
  return text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n')
}

function dataHelperMarkdown(out: DataHelperOutput, lines: string[]): void {
  if (out.kind === 'failure') {
    lines.push('#### Data helper: failed', '')
    lines.push(`- **Success:** no`)
    lines.push(`- **Error:** ${out.error ?? '(none given)'}`)
    lines.push(`- **Fallback message shown to the user:** ${out.fallbackMessage ?? '(none given)'}`, '')
    return
  }
  lines.push('#### Data request (data helper)', '')
  if (out.userInstructions) lines.push(quote(out.userInstructions), '')
  for (const category of out.categories) {
    lines.push(`**${category.name}**`, '')
    for (const item of category.items) {
      lines.push(`- ${item.item}${item.justification ? ` — ${item.justification}` : ''}`)
    }
    lines.push('')
  }
  if (out.structuredItems.length > 0) {
    lines.push('| Category | Data point | Required | Why |', '|---|---|---|---|')
    for (const item of out.structuredItems) {
      const required = item.required === null ? '?' : item.required ? 'required' : 'optional'
      lines.push(`| ${cell(item.category ?? '')} | ${cell(item.dataPoint)} | ${required} | ${cell(item.justification ?? '')} |`)
    }
    lines.push('')
  }
}

function cell(value: string): string {
  return value.replace(/\|/g, '\\|').replace(/\n/g, ' ')
}

function reportMarkdown(out: ReportOutput, lines: string[]): void {
  if (out.kind === 'fallback') {
    lines.push('#### Report: FALLBACK report (the reporting agent could not produce its full report)', '')
    if (out.status) lines.push(`- **Status:** ${out.status}`)
    if (out.summary) lines.push(`- **Summary:** ${out.summary}`)
    for (const entry of out.metadata) lines.push(`- **${entry.label}:** ${entry.value}`)
    lines.push('')
    if (out.report) lines.push(quote(out.report), '')
    if (out.nextSteps.length > 0) {
      lines.push('Next steps:', '', ...out.nextSteps.map((step) => `1. ${step}`), '')
    }
    return
  }
  lines.push('#### Report (reporting agent)', '')
  const facts = [
    out.reportType ? `type ${out.reportType}` : null,
    out.completionStatus ? `status ${out.completionStatus}` : null,
    out.totalSections !== null ? `${out.totalSections} sections` : null
  ].filter((fact): fact is string => fact !== null)
  if (facts.length > 0) lines.push(`_${facts.join(' · ')}_`, '')
  if (out.content) lines.push(quote(out.content), '')
  if (out.sections.length > 0) {
    lines.push('Sections:', '')
    for (const section of out.sections) lines.push(`- ${section.title}${section.body ? `: ${section.body}` : ''}`)
    lines.push('')
  }
  if (out.recommendations.length > 0) {
    lines.push('Recommendations:', '')
    for (const rec of out.recommendations) {
      const details = rec.details.map((detail) => `${detail.label}: ${detail.value}`).join(', ')
      lines.push(`1. **${rec.title}**${details ? ` — ${details}` : ''}`)
    }
    lines.push('')
  }
}

/** One run's data request, report and business value as Markdown (used by "Copy as Markdown" and the export). */
export function runReportMarkdown(report: RunReport, headingLevel = 3): string {
  const lines: string[] = [`${'#'.repeat(headingLevel)} Run ${report.runId}`, '']
  if (report.dataHelper) dataHelperMarkdown(report.dataHelper, lines)
  if (report.report) reportMarkdown(report.report, lines)
  if (report.businessValue.length > 0) {
    lines.push('#### Business value', '')
    for (const field of report.businessValue) {
      if (Array.isArray(field.value)) {
        lines.push(`- **${field.label}:**`, ...field.value.map((entry) => `  - ${entry}`))
      } else {
        lines.push(`- **${field.label}:** ${field.value}`)
      }
    }
    lines.push('')
  }
  if (!report.dataHelper && !report.report && report.businessValue.length === 0) {
    lines.push('_No data request, report or business-value fields in this run._', '')
  }
  return lines.join('\n')
}

/** The "What the agents said" section of a session's Markdown export; empty when no run said anything. */
export function reportsMarkdownSection(reports: readonly RunReport[]): string {
  const said = reports.filter((report) => report.dataHelper || report.report || report.businessValue.length > 0)
  if (said.length === 0) return ''
  return ['## What the agents said', '', ...said.map((report) => runReportMarkdown(report))].join('\n')
}
