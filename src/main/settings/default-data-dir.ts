import { homedir } from 'node:os'
import { join } from 'node:path'

/** Folder name of the app's settings; the same as Electron's userData folder (package.json `name`). */
export const DATA_DIR_NAME = 'netra-diagnostics'

/**
 * Where the CLI and the web host keep settings: the folder Electron uses as userData, so all three
 * hosts share one environments.json and credentials.json. On Linux that is
 * `$XDG_CONFIG_HOME/netra-diagnostics` (fallback `~/.config/netra-diagnostics`); macOS and Windows
 * follow Electron's appData. `NETRA_DIAG_DATA_DIR` overrides it (tests, portable setups).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  if (env.NETRA_DIAG_DATA_DIR) return env.NETRA_DIAG_DATA_DIR
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', DATA_DIR_NAME)
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), DATA_DIR_NAME)
  // XDG: a relative XDG_CONFIG_HOME is invalid and must be ignored (XDG Base Directory spec).
  const xdg = env.XDG_CONFIG_HOME
  return join(xdg && xdg.startsWith('/') ? xdg : join(home, '.config'), DATA_DIR_NAME)
}
