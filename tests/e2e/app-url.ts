/** The web host's page URL (token included), set by the global setup. */
export function appUrl(): string {
  const url = process.env.NETRA_URL
  if (!url) throw new Error('NETRA_URL is not set: the e2e global setup did not start the web host.')
  return url
}
