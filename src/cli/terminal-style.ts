/** ANSI styling that honours NO_COLOR (https://no-color.org) and non-TTY output. */
export type TerminalStyle = {
  bold(text: string): string
  dim(text: string): string
  green(text: string): string
  yellow(text: string): string
  red(text: string): string
  cyan(text: string): string
}

/** Styles for a stream: plain text when NO_COLOR is set or the stream is not a terminal. */
export function terminalStyle(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): TerminalStyle {
  const enabled = !('NO_COLOR' in env && env.NO_COLOR !== '') && (stream.isTTY === true || env.FORCE_COLOR === '1')
  const wrap = (open: number, close: number) => (text: string) => (enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text)
  return {
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    green: wrap(32, 39),
    yellow: wrap(33, 39),
    red: wrap(31, 39),
    cyan: wrap(36, 39)
  }
}
