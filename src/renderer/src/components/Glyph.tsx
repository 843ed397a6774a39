/** A status glyph in a small tinted disc (✓ ! ✕ ?); decorative, so the word beside it carries the meaning. */
export function Glyph({ glyph, tone, size = 'md' }: { glyph: string; tone: 'ok' | 'warn' | 'bad' | 'info' | 'muted'; size?: 'sm' | 'md' | 'lg' }) {
  return (
    <span className={`glyph glyph-${tone} glyph-${size}`} aria-hidden="true">
      {glyph}
    </span>
  )
}
