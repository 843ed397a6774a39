import { create } from 'zustand'

/** Which run the Report tab should bring into view (set by the runs panel's "output" links). */
export type ReportFocus = { runId: string | null; focus(runId: string | null): void }

/**
 * A tiny store of its own, so the link from the runs panel needs no change to the app store's
 * slices: the Report tab reads it and scrolls the run into view.
 */
export const useReportFocus = create<ReportFocus>((set) => ({
  runId: null,
  focus: (runId) => set({ runId })
}))
