/**
 * This worker's web host page URL (token included), set by the global setup: each Playwright worker
 * has a host of its own (`NETRA_URL_<TEST_PARALLEL_INDEX>`); `NETRA_URL` is the first.
 */
export function appUrl(): string {
  const url = process.env[`NETRA_URL_${process.env.TEST_PARALLEL_INDEX ?? 0}`] ?? process.env.NETRA_URL
  if (!url) throw new Error('NETRA_URL is not set: the e2e global setup did not start the web host.')
  return url
}
