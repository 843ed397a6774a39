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
    pool: 'forks'
  }
})
