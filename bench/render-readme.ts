/**
 * `npm run bench:readme`: regenerate the README's performance table from bench/results.json
 * (written by `npm run bench`), between the `<!-- bench:start -->` and `<!-- bench:end -->` markers.
 * The UI rows are read from artifacts/ui-perf.json (`npm run bench:ui`) when it exists.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BenchRow } from './run'
import { uiRows } from './ui-rows'

const START = '<!-- bench:start -->'
const END = '<!-- bench:end -->'

/** The Markdown table (and its one-line provenance) for a results file. */
export function renderTable(results: { rows: BenchRow[]; rounds: number; roundsLarge?: number; cpus: number; node: string; finishedAt?: string; loadAverage?: number[] }): string {
  const cell = (text: string): string => text.replace(/\|/g, '\\|')
  const mark = (met: boolean | null): string => (met === null ? '–' : met ? '✓' : '✗')
  const lines = [
    `Measured ${results.finishedAt?.slice(0, 10) ?? ''} on ${results.cpus} cores, Node ${results.node}, medians of ${results.rounds} rounds${results.roundsLarge !== undefined && results.roundsLarge !== results.rounds ? ` (${results.roundsLarge} at 1 M records)` : ''} (\`npm run bench\`; \`npm run bench:readme\` rewrites this table).`,
    '',
    '| what | baseline (same run) | result | goal | met |',
    '|---|---|---|---|:-:|',
    ...results.rows.map((row) => `| ${cell(row.what)}${row.detail ? ` — ${cell(row.detail)}` : ''} | ${cell(row.baseline)} | ${cell(row.result)} | ${cell(row.goal)} | ${mark(row.met)} |`)
  ]
  const loads = results.loadAverage ?? []
  if (loads.length)
    lines.push('', `Load average (1 min) during the run: ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}, median ${[...loads].sort((a, b) => a - b)[Math.floor(loads.length / 2)].toFixed(1)}, on ${results.cpus} cores (sampled every 10 s).`)
  return lines.join('\n')
}

if (process.argv[1]?.endsWith('render-readme.ts')) {
  const root = join(__dirname, '..')
  const results = JSON.parse(readFileSync(join(__dirname, 'results.json'), 'utf8')) as Parameters<typeof renderTable>[0]
  // The UI rows come from the latest Playwright run (artifacts/ui-perf.json), which may be newer than results.json.
  results.rows = [...results.rows.filter((row) => !row.id.startsWith('ui-')), ...uiRows()]
  const readmePath = join(root, 'README.md')
  const readme = readFileSync(readmePath, 'utf8')
  const start = readme.indexOf(START)
  const end = readme.indexOf(END)
  if (start === -1 || end < start) throw new Error(`README.md has no ${START} … ${END} markers`)
  writeFileSync(readmePath, `${readme.slice(0, start + START.length)}\n${renderTable(results)}\n${readme.slice(end)}`)
  console.log('README.md: performance table updated from bench/results.json')
}
