/**
 * Wait until `check()` holds, looking every 10 ms; throws once `ms` have passed without it.
 * For tests that watch a live backend, socket or recorder reach a state.
 */
export async function until(check: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error(`condition not reached in ${ms} ms`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
