/** Exit statuses of a process ended by a signal, as shells report them (128 + the signal's number). */
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const

/** How long cleaning up may take before the process exits anyway. */
const CLEANUP_LIMIT_MS = 5000

/**
 * On SIGINT or SIGTERM, run `cleanup` (flush the recording, close the session), then exit 130 or 143.
 * A second signal, or cleanup taking longer than 5 s, exits at once with the same status.
 * Returns the function that removes the handlers.
 */
export function onInterrupt(cleanup: () => Promise<void>): () => void {
  let stopping = false
  const handle = (signal: keyof typeof SIGNAL_EXIT): void => {
    const status = SIGNAL_EXIT[signal]
    if (stopping) process.exit(status)
    stopping = true
    process.stderr.write(`netra-diag: interrupted (${signal}); saving what was recorded.\n`)
    setTimeout(() => process.exit(status), CLEANUP_LIMIT_MS).unref()
    void cleanup()
      .catch((error: unknown) => process.stderr.write(`netra-diag: could not finish cleanly: ${error instanceof Error ? error.message : String(error)}\n`))
      .finally(() => process.exit(status))
  }
  const onSigint = (): void => handle('SIGINT')
  const onSigterm = (): void => handle('SIGTERM')
  process.on('SIGINT', onSigint)
  process.on('SIGTERM', onSigterm)
  return () => {
    process.off('SIGINT', onSigint)
    process.off('SIGTERM', onSigterm)
  }
}
