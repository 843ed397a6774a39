import type { SliceCreator } from './app-state'

/** Which view of the selected frame the detail pane shows. */
export type DetailTab = 'parsed' | 'record'

/** What the user is looking at inside the active session. */
export type UiSlice = {
  selectedSeq: number | null
  /** Keep the newest frame in view; turned off as soon as the user scrolls up or picks a frame. */
  followTail: boolean
  detailTab: DetailTab
  /** Frame list filter (type, agent, run id), case-insensitive. */
  filter: string
  selectFrame(seq: number | null): void
  setFollowTail(follow: boolean): void
  setDetailTab(tab: DetailTab): void
  setFilter(filter: string): void
}

/** Create the UI slice. */
export const createUiSlice: SliceCreator<UiSlice> = () => (set) => ({
  selectedSeq: null,
  followTail: true,
  detailTab: 'parsed',
  filter: '',
  selectFrame: (selectedSeq) => set(selectedSeq === null ? { selectedSeq } : { selectedSeq, followTail: false }),
  setFollowTail: (followTail) => set({ followTail }),
  setDetailTab: (detailTab) => set({ detailTab }),
  setFilter: (filter) => set({ filter })
})
