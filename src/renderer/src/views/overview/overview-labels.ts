import type { ComponentStatus, Confidence, Severity, Verdict } from '../../../../shared/diagnosis'

/**
 * Words and glyphs for verdicts, component statuses and severities. Every status is shown as a
 * glyph *and* a word as well as a colour, so it reads the same for the colour-blind and in print.
 */
export type Tone = 'ok' | 'warn' | 'bad' | 'info' | 'muted'

/** How a verdict, status or severity looks: its word, glyph and colour. */
export type Look = { text: string; glyph: string; tone: Tone }

/**
 * The verdict badge; `checking` and `waiting` are ours: a live session still gathering
 * evidence, or one whose answer is still awaited — nothing wrong yet, but not healthy either.
 */
export const VERDICT_LOOK: Readonly<Record<Verdict | 'checking' | 'waiting', Look>> = {
  healthy: { text: 'Healthy', glyph: '✓', tone: 'ok' },
  degraded: { text: 'Degraded', glyph: '!', tone: 'warn' },
  failing: { text: 'Failing', glyph: '✕', tone: 'bad' },
  checking: { text: 'Checking', glyph: '…', tone: 'info' },
  waiting: { text: 'Waiting for the answer', glyph: '…', tone: 'info' }
}

/** A finding's confidence chip: how its cause was established. */
export const CONFIDENCE_LOOK: Readonly<Record<Confidence, { text: string; tone: Tone }>> = {
  certain: { text: 'certain', tone: 'ok' },
  likely: { text: 'likely', tone: 'info' },
  possible: { text: 'possible', tone: 'muted' }
}

/** A health-grid cell. */
export const STATUS_LOOK: Readonly<Record<ComponentStatus, Look>> = {
  ok: { text: 'ok', glyph: '✓', tone: 'ok' },
  degraded: { text: 'degraded', glyph: '!', tone: 'warn' },
  failing: { text: 'failing', glyph: '✕', tone: 'bad' },
  unknown: { text: 'no evidence', glyph: '?', tone: 'muted' }
}

/** A finding's severity. */
export const SEVERITY_LOOK: Readonly<Record<Severity, Look>> = {
  error: { text: 'error', glyph: '✕', tone: 'bad' },
  warning: { text: 'warning', glyph: '!', tone: 'warn' },
  info: { text: 'note', glyph: 'i', tone: 'info' }
}
