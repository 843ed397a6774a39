import type { EnvironmentKind } from '../api/frame-record'

/** Retry policy of a connection: attempts in all, and the pause between them. */
export type RetryPolicy = { attempts: number; delayMs: number }

/** Service levels the platform promises (PROTOCOL.md §4), used as the SLA check's thresholds. */
export type SlaThresholds = { dataProcessingMs: number; reportAfterDataMs: number; fullAnswerMs: number }

/** The platform's promised service levels: data < 5 s, report < 2 s after data, full answer < 60 s. */
export const DEFAULT_SLA: Readonly<SlaThresholds> = { dataProcessingMs: 5000, reportAfterDataMs: 2000, fullAnswerMs: 60_000 }

/**
 * Default retries per kind: remote environments get 3 attempts 1 s apart (cold starts and
 * deploys make a first refusal common there); local ones fail fast so a developer sees it at once.
 */
export function defaultRetries(kind: EnvironmentKind): RetryPolicy {
  return kind === 'staging' || kind === 'production' ? { attempts: 3, delayMs: 1000 } : { attempts: 1, delayMs: 1000 }
}

/** The settings an environment gets when nobody chose them (issue 5 fields). */
export type EnvironmentSettingDefaults = {
  subprotocolStyle: 'jwt'
  retries: RetryPolicy
  sla: SlaThresholds
  expectedGeneration: null
  customized: false
}

/** Fill in the issue-5 settings of an environment from its kind; fields already set win. */
export function withEnvironmentDefaults<T extends { kind: EnvironmentKind }>(
  seed: T
): Omit<EnvironmentSettingDefaults, keyof T> & T {
  const defaults: EnvironmentSettingDefaults = {
    subprotocolStyle: 'jwt',
    retries: defaultRetries(seed.kind),
    sla: { ...DEFAULT_SLA },
    expectedGeneration: null,
    customized: false
  }
  return { ...defaults, ...seed }
}
