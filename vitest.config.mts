import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'

/** Unit and integration tests live next to their code; e2e specs run under Playwright instead. */
export default defineConfig({
  plugins: [react()],
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    reporters: ['default'],
    pool: 'forks',
    // Vitest's default is one worker fewer than the CPUs: on a 2-core machine that is ONE, while most of
    // the suite waits on loopback sockets, the sandbox's step delays and child processes rather than
    // computing. Two workers finished the suite in 564 s where one took 723 s, on the same box at a
    // similar load (README, Tests). More would crowd out the child processes the tests spawn.
    maxWorkers: 2
  }
})
