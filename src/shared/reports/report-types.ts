/** One item the data helper asks for, inside a category. */
export type DataRequestItem = { item: string; justification: string | null }

/** A named group of requested items. */
export type DataCategory = { name: string; items: DataRequestItem[] }

/** One structured item of a data request; `required` is null when the server did not say. */
export type StructuredItem = {
  category: string | null
  dataPoint: string
  justification: string | null
  required: boolean | null
}

/**
 * What the data helper produced (PROTOCOL.md §4): a data request — what the user must supply —
 * or a failure with the message the platform shows instead.
 */
export type DataHelperOutput =
  | {
      kind: 'request'
      seq: number
      agentName: string | null
      categories: DataCategory[]
      structuredItems: StructuredItem[]
      userInstructions: string | null
    }
  | { kind: 'failure'; seq: number; agentName: string | null; error: string | null; fallbackMessage: string | null }

/** One titled part of a report; `body` is null when the server sent only titles. */
export type ReportSection = { title: string; body: string | null }

/** One recommendation: a title and its other fields as readable label/value pairs. */
export type Recommendation = { title: string; details: Array<{ label: string; value: string }> }

/** The reporting agent's output: a full report, or a fallback report labelled as such. */
export type ReportOutput =
  | {
      kind: 'report'
      seq: number
      agentName: string | null
      content: string | null
      sections: ReportSection[]
      totalSections: number | null
      hasRecommendations: boolean | null
      recommendations: Recommendation[]
      reportType: string | null
      completionStatus: string | null
    }
  | {
      kind: 'fallback'
      seq: number
      agentName: string | null
      report: string | null
      status: string | null
      summary: string | null
      nextSteps: string[]
      metadata: Array<{ label: string; value: string }>
    }

/** One business-value field seen in the run (savings, priority, insights, confidence…). */
export type BusinessValueField = {
  /** The wire name, e.g. `total_potential_savings`. */
  field: string
  label: string
  /** A readable value: a sentence, or list entries. */
  value: string | string[]
  /** The frame that carried it, and its agent. */
  seq: number
  agentName: string | null
}

/** Everything the agents of one run said that a reader wants as text. */
export type RunReport = {
  runId: string
  dataHelper: DataHelperOutput | null
  report: ReportOutput | null
  businessValue: BusinessValueField[]
  /** Per agent, the seq of the frame carrying its output (its `agent_completed`, else its last `tool_completed`). */
  agentOutputs: Record<string, number>
}
