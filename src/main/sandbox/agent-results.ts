import type { TriageOrder } from './types'

/**
 * Canned but realistic agent outputs for a cloud-cost question.
 *
 * The shapes follow PROTOCOL.md §4 exactly, because the app's report view and the
 * diagnosis read these fields; the prose only has to look like the real thing.
 */

/** What triage concludes, including the order it picked. */
export function triageResult(order: TriageOrder, request: string): Record<string, unknown> {
  return {
    category: 'cost_optimization',
    sub_category: 'cloud_spend_analysis',
    data_sufficiency: order,
    priority: 'high',
    confidence: 0.87,
    user_intent: request.slice(0, 200),
    required_agents: agentsFor(order).filter((agent) => agent !== 'triage'),
    key_parameters: { cloud_provider: 'aws', timeframe: 'last_90_days', focus: 'compute_and_llm_spend' }
  }
}

/** Sequential agent order for a triage outcome; the Supervisor wraps it. */
export function agentsFor(order: TriageOrder): string[] {
  switch (order) {
    case 'sufficient':
      return ['triage', 'data', 'optimization', 'actions', 'reporting']
    case 'partial':
      return ['triage', 'data_helper', 'data', 'reporting']
    case 'insufficient':
      return ['triage', 'data_helper', 'reporting']
    case 'unknown':
      return ['data_helper', 'reporting']
  }
}

const STRUCTURED_ITEMS = [
  {
    category: 'Cloud billing',
    data_point: 'Monthly spend per service, last 3 months',
    justification: 'Establishes the cost baseline to measure savings against',
    required: true
  },
  {
    category: 'Cloud billing',
    data_point: 'Reserved instance and savings plan coverage',
    justification: 'Shows how much compute already runs at committed rates',
    required: true
  },
  {
    category: 'Compute usage',
    data_point: 'Average and p95 CPU/memory utilisation per instance family',
    justification: 'Identifies over-provisioned instances for rightsizing',
    required: true
  },
  {
    category: 'Compute usage',
    data_point: 'Autoscaling group min/max and schedules',
    justification: 'Reveals idle capacity outside business hours',
    required: false
  },
  {
    category: 'LLM usage',
    data_point: 'Token volume per model and per feature',
    justification: 'LLM calls are often the fastest-growing line item',
    required: true
  },
  {
    category: 'LLM usage',
    data_point: 'Latency and quality requirements per use case',
    justification: 'Decides where a cheaper model is acceptable',
    required: false
  },
  {
    category: 'Storage',
    data_point: 'Object storage volume by storage class and access frequency',
    justification: 'Finds data that can move to colder, cheaper tiers',
    required: false
  }
]

/** The data helper's data request: what the user must supply before savings can be computed. */
export function dataHelperResult(): Record<string, unknown> {
  const categories = new Map<string, Array<{ item: string; justification: string }>>()
  for (const entry of STRUCTURED_ITEMS) {
    const items = categories.get(entry.category) ?? []
    items.push({ item: entry.data_point, justification: entry.justification })
    categories.set(entry.category, items)
  }
  return {
    success: true,
    data_request: {
      data_categories: [...categories].map(([name, items]) => ({ name, items })),
      user_instructions:
        'To estimate savings we need your recent cloud bills and utilisation data. Export the last three months of ' +
        "billing from your provider's cost explorer (CSV is fine), a utilisation summary from your monitoring tool, " +
        'and token counts per model from your LLM gateway. Items marked required are the minimum for a first estimate.',
      structured_items: STRUCTURED_ITEMS
    }
  }
}

/** The data helper's tool summary (`tool_completed.results`). */
export function dataHelperToolResults(): Record<string, unknown> {
  return {
    success: true,
    data_request_generated: true,
    instructions_count: 3,
    structured_items_count: STRUCTURED_ITEMS.length
  }
}

/** The data agent's analysis of the spend the user supplied. */
export function dataResult(): Record<string, unknown> {
  return {
    success: true,
    analysis_type: 'cost_breakdown',
    period: 'last_90_days',
    total_monthly_spend_usd: 48210,
    breakdown: [
      { service: 'EC2', monthly_usd: 21450, share: 0.445 },
      { service: 'Bedrock / LLM APIs', monthly_usd: 12980, share: 0.269 },
      { service: 'RDS', monthly_usd: 7320, share: 0.152 },
      { service: 'S3', monthly_usd: 3890, share: 0.081 },
      { service: 'Other', monthly_usd: 2570, share: 0.053 }
    ],
    anomalies: ['EC2 spend rose 31% in the last month without matching traffic growth'],
    confidence: 0.82
  }
}

/** The optimization agent's candidate savings. */
export function optimizationResult(): Record<string, unknown> {
  return {
    success: true,
    total_potential_savings: 14260,
    currency: 'USD',
    period: 'monthly',
    optimizations: [
      {
        id: 'rightsizing',
        title: 'Rightsize m5.4xlarge fleet to m6i.2xlarge',
        monthly_savings_usd: 6120,
        effort: 'medium'
      },
      {
        id: 'model-routing',
        title: 'Route classification prompts to a smaller model',
        monthly_savings_usd: 5480,
        effort: 'low'
      },
      {
        id: 'storage-tiering',
        title: 'Move cold S3 data to Glacier Instant Retrieval',
        monthly_savings_usd: 2660,
        effort: 'low'
      }
    ],
    confidence: 0.78
  }
}

/** The actions agent's implementation plan. */
export function actionsResult(): Record<string, unknown> {
  return {
    success: true,
    action_plan: [
      {
        step: 1,
        action: 'Enable S3 lifecycle rule for objects untouched for 90 days',
        owner: 'platform',
        eta_days: 2
      },
      {
        step: 2,
        action: 'Add a model router in the LLM gateway for classification traffic',
        owner: 'ml-eng',
        eta_days: 5
      },
      {
        step: 3,
        action: 'Rightsize the batch fleet during the next maintenance window',
        owner: 'sre',
        eta_days: 10
      }
    ],
    implementation_priority: ['storage-tiering', 'model-routing', 'rightsizing']
  }
}

/** The reporting agent's final report; richer when the data was sufficient. */
export function reportResult(order: TriageOrder): Record<string, unknown> {
  const withSavings = order === 'sufficient'
  const sections = withSavings
    ? [
        'Executive summary',
        'Current spend',
        'Optimization opportunities',
        'Implementation plan',
        'Next steps'
      ]
    : ['Executive summary', 'What we need from you', 'Preliminary observations', 'Next steps']
  const recommendations = withSavings
    ? [
        { title: 'Rightsize the m5.4xlarge fleet', impact: 'high', estimated_monthly_savings_usd: 6120 },
        {
          title: 'Route classification prompts to a smaller model',
          impact: 'high',
          estimated_monthly_savings_usd: 5480
        },
        { title: 'Tier cold S3 data', impact: 'medium', estimated_monthly_savings_usd: 2660 }
      ]
    : [
        {
          title: 'Share three months of billing exports',
          impact: 'high',
          rationale: 'Needed for a savings baseline'
        },
        {
          title: 'Export utilisation metrics per instance family',
          impact: 'high',
          rationale: 'Needed to find rightsizing candidates'
        },
        {
          title: 'Tag LLM traffic per feature',
          impact: 'medium',
          rationale: 'Makes model-routing savings measurable'
        }
      ]
  const report: Record<string, unknown> = {
    report_content:
      '# Cloud cost analysis\n\n' +
      (withSavings
        ? 'Your monthly cloud spend is about $48.2k. We found roughly $14.3k/month of savings, most of it in compute rightsizing and LLM model routing.'
        : 'We cannot quantify savings yet: the analysis needs your billing and utilisation data. The data request below lists exactly what to export.'),
    sections,
    total_sections: sections.length,
    has_recommendations: true,
    report_type: withSavings ? 'optimization_report' : 'data_request_report',
    completion_status: withSavings ? 'complete' : 'awaiting_data',
    recommendations
  }
  if (withSavings) {
    report.total_potential_savings = 14260
    report.high_impact_recommendations = 2
    report.business_impact = 'Roughly 30% lower monthly cloud spend at unchanged service levels'
    report.confidence = 0.8
  }
  return report
}
