/** What the environment may set to run the suite larger or with another seed (read without node imports). */
type Env = Record<string, string | undefined>

function env(): Env {
  return (globalThis as { process?: { env?: Env } }).process?.env ?? {}
}

function positive(value: string | undefined, fallback: number): number {
  const parsed = Number(value)
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback
}

/** Default number of composed cases: thousands, and still a few seconds on a shared 2-core machine. */
export const DEFAULT_METAMORPHIC_RUNS = 3000

/** The fixed seed of CI runs, so a failure reproduces; fast-check prints it with the counterexample. */
export const DEFAULT_METAMORPHIC_SEED = 20250914

/** How many composed cases to run in total (`NETRA_METAMORPHIC_RUNS`) and with which seed (`NETRA_METAMORPHIC_SEED`). */
export function metamorphicSuiteSize(): { runs: number; seed: number } {
  const values = env()
  return {
    runs: positive(values.NETRA_METAMORPHIC_RUNS, DEFAULT_METAMORPHIC_RUNS),
    seed: positive(values.NETRA_METAMORPHIC_SEED, DEFAULT_METAMORPHIC_SEED)
  }
}
