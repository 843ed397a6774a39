export { extractRunReports, hasReportContent, RunReportsBuilder, BUSINESS_VALUE_FIELDS } from './extract-run-report'
export { runReportMarkdown, reportsMarkdownSection } from './report-markdown'
export type * from './report-types'
