import { useEffect, useState } from 'react'
import { useAppStore } from '../../stores/use-app-store'

const hasFiles = (event: DragEvent): boolean => [...(event.dataTransfer?.types ?? [])].includes('Files')

/** Drag-and-drop of `.ndjson` and `.har` files anywhere onto the window; shows where to drop while dragging. */
export function FileDropOverlay() {
  const openFiles = useAppStore((s) => s.openLocalFiles)
  const [dragging, setDragging] = useState(false)
  useEffect(() => {
    // Counted: dragenter/dragleave fire for every child crossed.
    let depth = 0
    const enter = (event: DragEvent): void => {
      if (!hasFiles(event)) return
      event.preventDefault()
      depth++
      setDragging(true)
    }
    const over = (event: DragEvent): void => {
      if (hasFiles(event)) event.preventDefault()
    }
    const leave = (event: DragEvent): void => {
      if (!hasFiles(event)) return
      depth = Math.max(0, depth - 1)
      if (depth === 0) setDragging(false)
    }
    const drop = (event: DragEvent): void => {
      if (!hasFiles(event)) return
      event.preventDefault()
      depth = 0
      setDragging(false)
      const files = [...(event.dataTransfer?.files ?? [])]
      if (files.length) void openFiles(files)
    }
    window.addEventListener('dragenter', enter)
    window.addEventListener('dragover', over)
    window.addEventListener('dragleave', leave)
    window.addEventListener('drop', drop)
    return () => {
      window.removeEventListener('dragenter', enter)
      window.removeEventListener('dragover', over)
      window.removeEventListener('dragleave', leave)
      window.removeEventListener('drop', drop)
    }
  }, [openFiles])
  if (!dragging) return null
  return (
    <div className="file-drop-overlay" data-testid="file-drop-overlay">
      <div className="file-drop-target">Drop a .ndjson recording or a .har file to open it</div>
    </div>
  )
}
