import { writeFileSync } from 'node:fs'
import type { Page } from '@playwright/test'

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

/** One function's share of a CPU profile: where the page's main thread spent its time. */
export type ProfileEntry = { fn: string; selfMs: number; totalMs: number }

/**
 * Run `work` under the page's V8 sampling profiler (Chrome DevTools Protocol) and return the
 * functions with the most self time and the most inclusive time. Used by the perf spec only when
 * NETRA_PERF_PROFILE=1, to find what the long tasks are made of. With `rawPath`, the whole profile
 * is also written there (a `.cpuprofile` that DevTools opens, with every caller of every function).
 */
export async function profiled<T>(page: Page, work: () => Promise<T>, top = 25, rawPath?: string): Promise<{ result: T; self: ProfileEntry[]; total: ProfileEntry[] }> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 })
  await cdp.send('Profiler.start')
  const result = await work()
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile }
  await cdp.detach()
  if (rawPath) writeFileSync(rawPath, JSON.stringify(profile))
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const parent = new Map<number, number>()
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id)
  const label = (node: ProfileNode): string => {
    const file = node.callFrame.url.split('/').pop() ?? ''
    return `${node.callFrame.functionName || '(anonymous)'} ${file}:${node.callFrame.lineNumber + 1}`
  }
  const self = new Map<string, number>()
  const total = new Map<string, number>()
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000
    const node = byId.get(id)
    if (!node) return
    self.set(label(node), (self.get(label(node)) ?? 0) + ms)
    // Inclusive time: every distinct function on the sampled stack, once.
    const seen = new Set<string>()
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)
      if (!frame) break
      const name = label(frame)
      if (seen.has(name)) continue
      seen.add(name)
      total.set(name, (total.get(name) ?? 0) + ms)
    }
  })
  const ranked = (map: Map<string, number>): ProfileEntry[] =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([fn]) => ({ fn, selfMs: Math.round(self.get(fn) ?? 0), totalMs: Math.round(total.get(fn) ?? 0) }))
  return { result, self: ranked(self), total: ranked(total) }
}
