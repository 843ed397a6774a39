import type { SliceCreator } from './app-state'

/** Which view of the selected frame the detail pane shows. */
export type DetailTab = 'parsed' | 'record'

/**
 * Side panels that slide over the workspace from the right. One is open at a time; new screens
 * add their id here and an entry in `views/DrawerHost.tsx`.
 */
export type DrawerId = 'sandbox' | 'environments' | 'credentials' | 'isolation'

/** What the main area shows: the diagnosis, the frames and the selected one, what the agents said, or the runs on a time axis. */
export type MainTab = 'overview' | 'frames' | 'report' | 'timeline'

/** What the user is looking at inside the active session. */
export type UiSlice = {
  selectedSeq: number | null
  /** Keep the newest frame in view; turned off as soon as the user scrolls up or picks a frame. */
  followTail: boolean
  detailTab: DetailTab
  /** Frame list filter (type, agent, run id), case-insensitive. */
  filter: string
  /** The side panel on screen, if any. */
  drawer: DrawerId | null
  /** Overview first: a support engineer wants the verdict before the wire. */
  mainTab: MainTab
  /** Select a frame; selecting one (from a list, the timeline or a finding's evidence) shows the Frames tab. */
  selectFrame(seq: number | null): void
  setMainTab(tab: MainTab): void
  setFollowTail(follow: boolean): void
  setDetailTab(tab: DetailTab): void
  setFilter(filter: string): void
  /** Open `drawer`, or close it when it is already open. */
  toggleDrawer(drawer: DrawerId): void
  closeDrawer(): void
}

/** Create the UI slice. */
export const createUiSlice: SliceCreator<UiSlice> = () => (set, get) => ({
  selectedSeq: null,
  followTail: true,
  detailTab: 'parsed',
  filter: '',
  drawer: null,
  mainTab: 'overview',
  selectFrame: (selectedSeq) =>
    set(selectedSeq === null ? { selectedSeq } : { selectedSeq, followTail: false, mainTab: 'frames' }),
  setMainTab: (mainTab) => set({ mainTab }),
  setFollowTail: (followTail) => set({ followTail }),
  setDetailTab: (detailTab) => set({ detailTab }),
  setFilter: (filter) => set({ filter }),
  toggleDrawer: (drawer) => set({ drawer: get().drawer === drawer ? null : drawer }),
  closeDrawer: () => set({ drawer: null })
})
