import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { chooseTheme, openWithFinishedRun, SCREENS, showScreen, THEMES } from './window-screens'

/** What a violation is reported as: the rule, its impact, and where (the first few targets). */
type Violation = { rule: string; impact: string; help: string; targets: string[] }

// Issue 13: both themes must meet WCAG AA, and every control needs a name and a role.
for (const theme of THEMES) {
  test(`accessibility in the ${theme} theme: no serious or critical violation on any screen`, async ({ page }) => {
    // Five full-page axe runs: on a loaded machine they take minutes, still bounded.
    test.setTimeout(600_000)
    await openWithFinishedRun(page, theme)
    const found: Record<string, Violation[]> = {}
    for (const screen of SCREENS) {
      await showScreen(page, screen)
      const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
      const serious = violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => ({
          rule: violation.id,
          impact: violation.impact ?? '',
          help: violation.help,
          targets: violation.nodes.slice(0, 4).map((node) => `${node.target.join(' ')} — ${node.failureSummary?.split('\n').slice(1, 2).join('') ?? ''}`)
        }))
      if (serious.length > 0) found[screen] = serious
    }
    await chooseTheme(page, 'system')
    expect(found).toEqual({})
  })
}
