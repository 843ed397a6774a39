// Lint rules that keep ARCHITECTURE.md true: src/shared stays plain TypeScript, and only
// the thin Electron shell may import `electron`.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import prettier from 'eslint-config-prettier'
import globals from 'globals'

const electronOnlyInShell = {
  paths: [{ name: 'electron', message: 'Only src/main/index.ts, src/main/ipc/** and src/preload/** may import electron.' }]
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'artifacts/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', electronOnlyInShell]
    }
  },
  {
    files: ['bin/**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  },
  {
    files: ['src/main/index.ts', 'src/main/ipc/**', 'src/preload/**'],
    rules: { 'no-restricted-imports': 'off' }
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'src/shared is plain TypeScript: no electron.' },
            { name: 'react', message: 'src/shared is plain TypeScript: no React.' },
            { name: 'react-dom', message: 'src/shared is plain TypeScript: no React.' }
          ],
          patterns: [
            { group: ['node:*'], message: 'src/shared is plain TypeScript: no node:* modules.' },
            { group: ['react/*', 'react-dom/*'], message: 'src/shared is plain TypeScript: no React.' },
            {
              group: ['fs', 'path', 'os', 'http', 'https', 'net', 'crypto', 'child_process', 'events', 'stream', 'url', 'util', 'perf_hooks', 'tls', 'dns', 'zlib', 'buffer'],
              message: 'src/shared is plain TypeScript: no Node built-ins.'
            },
            { group: ['**/main/**', '**/renderer/**', '**/preload/**', '**/cli/**'], message: 'src/shared must not depend on a host.' }
          ]
        }
      ]
    }
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules }
  }
)
