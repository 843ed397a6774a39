import { useShallow } from 'zustand/react/shallow'
import { useAppStore } from '../../stores/use-app-store'
import { HarEntryPicker } from '../har-import/HarEntryPicker'

/** Asks which WebSocket connection to import when an opened HAR file holds several (the library's `harPick`). */
export function HarImportDialog() {
  const pick = useAppStore((state) => state.harPick)
  const { pickHarEntry, cancelHarPick } = useAppStore(useShallow((state) => ({ pickHarEntry: state.pickHarEntry, cancelHarPick: state.cancelHarPick })))
  if (!pick) return null
  return (
    <HarEntryPicker
      entries={pick.entries}
      fileName={pick.fileName}
      issues={pick.issues}
      onPick={(entry) => void pickHarEntry(entry)}
      onCancel={cancelHarPick}
    />
  )
}
