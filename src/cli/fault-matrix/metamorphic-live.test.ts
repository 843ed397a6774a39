import { describe, expect, it } from 'vitest'
import { createBackend } from '../../main/backend/create-backend'
import { startSandbox, type SandboxGeneration, type SandboxOptions } from '../../main/sandbox'
import { EXPECTED_FAULT_DIAGNOSES, type ExpectedFaultDiagnosis } from '../../shared/diagnosis'
import { LIVE_REWRITES } from '../../shared/diagnosis/metamorphic/live-rewrites'
import { runProbe } from '../probe/run-probe'
import type { ProbeResult } from '../probe/probe-result'

/**
 * The live slice of the metamorphic suite (src/shared/diagnosis/metamorphic): the real sandbox
 * made to speak like servers we did not write — through `transformServerFrame`, and as staging
 * behind a port-forward — probed with the real session code. Every fault of the expected table ×
 * its generation × each variant, and every fault on beta-10 and handshake under one variant in
 * rotation, keeps its top component and verdict; a healthy session of every generation stays
 * healthy with no warnings under each variant.
 */
type Expectation = ExpectedFaultDiagnosis | 'healthy'
type Row = { label: string; fault: string | null; generation: SandboxGeneration; variant: string; expected: Expectation }

const MESSAGE = 'Analyse my cloud costs'
/** Short: `server-silent` is judged silent after half of it; `slow-llm` gets room for its 5.5 s. */
const TIMEOUT_MS = 6000
const SLOW_LLM_MS = 5500
const CONCURRENCY = 6
const GENERATIONS: SandboxGeneration[] = ['beta-10', 'component-codes', 'beta-17', 'handshake']
const PORT_FORWARD = 'port-forwarded-staging'

function rows(): Row[] {
  const out: Row[] = []
  const variants = [...LIVE_REWRITES.map((rewrite) => rewrite.id), PORT_FORWARD]
  for (const [key, expected] of Object.entries(EXPECTED_FAULT_DIAGNOSES)) {
    const [fault, generation] = key.split('@')
    for (const variant of variants)
      out.push({ label: `${key} · ${variant}`, fault, generation: (generation ?? 'beta-17') as SandboxGeneration, variant, expected })
  }
  // The other generations: the table's beta-17 expectation holds there too (the component-codes
  // generation is the one that differs and has its own rows); one variant each, in rotation.
  Object.entries(EXPECTED_FAULT_DIAGNOSES)
    .filter(([key]) => !key.includes('@'))
    .forEach(([fault, expected], index) => {
      ;(['beta-10', 'handshake'] as const).forEach((generation, offset) => {
        const variant = variants[(index + offset) % variants.length]
        out.push({ label: `${fault}@${generation} · ${variant}`, fault, generation, variant, expected })
      })
    })
  for (const generation of GENERATIONS)
    for (const variant of variants) out.push({ label: `healthy@${generation} · ${variant}`, fault: null, generation, variant, expected: 'healthy' })
  return out
}

function sandboxOptions(row: Row, seed: number): SandboxOptions {
  const rewrite = LIVE_REWRITES.find((candidate) => candidate.id === row.variant)
  const fault = row.fault === 'slow-llm' ? `slow-llm:${SLOW_LLM_MS}` : row.fault
  return {
    faults: fault ? [fault] : [],
    generation: row.generation,
    stepDelayMs: 2,
    ...(rewrite ? { transformServerFrame: rewrite.create(seed) } : {})
  }
}

async function probeRow(row: Row, seed: number): Promise<ProbeResult> {
  const timeoutMs = row.fault === 'slow-llm' ? SLOW_LLM_MS + TIMEOUT_MS : TIMEOUT_MS
  if (row.variant !== PORT_FORWARD) {
    const backend = createBackend({ host: 'cli', sandbox: sandboxOptions(row, seed) })
    try {
      return await runProbe(backend, { environmentId: 'sandbox', message: MESSAGE, timeoutMs })
    } finally {
      await backend.dispose()
    }
  }
  // Staging behind `kubectl port-forward`: a 127.0.0.1 URL (classified local), while the server,
  // its health endpoints and the token it accepts all say staging.
  const sandbox = await startSandbox({ ...sandboxOptions(row, seed), environment: 'staging' })
  const token = await sandbox.mintToken({ sub: 'support-engineer-001' })
  const backend = createBackend({ host: 'cli', resolveToken: async () => token })
  try {
    return await runProbe(backend, {
      environmentId: 'local',
      target: { wsUrl: sandbox.wsUrl, httpBase: sandbox.httpUrl, authBase: sandbox.authUrl },
      message: MESSAGE,
      timeoutMs
    })
  } finally {
    await backend.dispose()
    await sandbox.stop()
  }
}

function broken(result: ProbeResult, expected: Expectation): string | null {
  const top = result.findings[0]
  const findings = result.findings.map((finding) => `${finding.severity} ${finding.code}`).join(', ') || 'none'
  if (expected === 'healthy') {
    const loud = result.findings.filter((finding) => finding.severity !== 'info')
    return result.verdict === 'healthy' && loud.length === 0 ? null : `expected healthy with no warnings, got ${result.verdict} (${findings})`
  }
  return top?.component === expected.topComponent && result.verdict === expected.verdict
    ? null
    : `expected ${expected.topComponent} · ${expected.verdict}, got ${top?.component ?? '—'} · ${result.verdict} (${findings})`
}

describe('metamorphic live slice: the real sandbox speaking like other servers', () => {
  it('keeps every fault’s top component and verdict, and healthy sessions healthy with no warnings', async () => {
    const all = rows()
    const failures: string[] = []
    // Proof that the rewrites reached the wire: spellings the sandbox never uses, and the port-forward's own environment.
    const spellings = new Set<string>()
    const forwardedEnvironments = new Set<string>()
    let next = 0
    const worker = async (): Promise<void> => {
      while (next < all.length) {
        const index = next++
        const row = all[index]
        const result = await probeRow(row, 1000 + index)
        if (row.variant === 'wire-format') for (const event of result.events) if (event.agent_name) spellings.add(event.agent_name)
        if (row.variant === PORT_FORWARD) forwardedEnvironments.add(result.environment)
        const why = broken(result, row.expected)
        if (why !== null) failures.push(`${row.label}: ${why}`)
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, worker))
    console.log(`metamorphic live slice: ${all.length} probes against the real sandbox (every fault × its generation, and healthy sessions of ${GENERATIONS.length} generations, × ${LIVE_REWRITES.length + 1} variants: ${[...LIVE_REWRITES.map((rewrite) => rewrite.id), PORT_FORWARD].join(', ')}; every fault on beta-10 and handshake under one variant), ${failures.length} broke the expectation`)
    expect([...spellings].filter((name) => /SubAgent|_agent$|^supervisor$|SupervisorAgent/.test(name)).length).toBeGreaterThan(0)
    expect(forwardedEnvironments).toEqual(new Set(['ad-hoc:127.0.0.1']))
    expect(failures.sort()).toEqual([])
  }, 180_000)
})
