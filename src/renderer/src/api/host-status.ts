/** Whether the UI can reach its backend host (the web host's loopback socket; Electron is always `open`). */
export type HostStatus = {
  state: 'connecting' | 'open' | 'disconnected'
  /** Consecutive failed attempts since the socket was last open. */
  attempt: number
  /** When the next reconnect attempt starts (epoch ms), while `disconnected`. */
  retryAt: number | null
  /** Whether the socket has ever been open (a first failure is a different message than a drop). */
  everOpened: boolean
}

/** The status before anything has happened. */
export const INITIAL_HOST_STATUS: HostStatus = { state: 'connecting', attempt: 0, retryAt: null, everOpened: false }
