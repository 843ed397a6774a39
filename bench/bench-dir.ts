/**
 * The `bench/` folder. A bundled benchmark (see `bundle.ts`) runs from a temporary folder, where
 * `__dirname` is that folder's: `run-bundled.ts` passes the real one in NETRA_BENCH_DIR.
 */
export const BENCH_DIR = process.env.NETRA_BENCH_DIR ?? __dirname
