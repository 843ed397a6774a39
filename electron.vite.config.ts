import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

/** Builds main (+ the CLI, which shares the backend, and the HAR's verdict worker), preload and renderer into `out/`. */
export default defineConfig({
  main: {
    build: {
      // keytar is an optional native dependency: it must be required at run time, never bundled.
      externalizeDeps: { include: ['keytar'] },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          cli: resolve(__dirname, 'src/cli/index.ts'),
          // The HAR export folds its verdict in a worker thread; `builtVerdictWorker` looks for it beside these.
          'har-verdict-worker': resolve(__dirname, 'src/main/export/har-verdict-worker.ts')
        }
      }
    }
  },
  preload: {
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/preload/index.ts') } }
    }
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      // Production builds ship minified: the renderer is parsed on every window load. Main and the
      // CLI stay readable, since their stack traces are what a bug report carries.
      // NETRA_NO_MINIFY=1 keeps the renderer's names for reading a CPU profile.
      minify: process.env.NETRA_NO_MINIFY !== '1',
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } }
    },
    plugins: [react()]
  }
})
