import { INITIAL_HOST_STATUS, type HostStatus } from '../api/host-status'
import type { SliceCreator } from './app-state'

/** The link to the backend host, for the "host disconnected" banner. */
export type HostSlice = {
  hostStatus: HostStatus
  setHostStatus(status: HostStatus): void
}

/** Create the host slice. */
export const createHostSlice: SliceCreator<HostSlice> = () => (set) => ({
  hostStatus: INITIAL_HOST_STATUS,
  setHostStatus: (hostStatus) => set({ hostStatus })
})
