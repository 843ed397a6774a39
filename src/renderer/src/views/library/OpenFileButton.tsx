import { useRef } from 'react'
import { useAppStore } from '../../stores/use-app-store'

/** Open a `.ndjson` recording or a `.har` file from the user's disk (a file picker). */
export function OpenFileButton() {
  const input = useRef<HTMLInputElement>(null)
  const openFiles = useAppStore((s) => s.openLocalFiles)
  const busy = useAppStore((s) => s.openProgress !== null)
  return (
    <>
      <button
        type="button"
        className="btn btn-small"
        data-testid="open-file"
        disabled={busy}
        onClick={() => input.current?.click()}
        title="Open a .ndjson recording or a .har file"
      >
        Open file…
      </button>
      <input
        ref={input}
        type="file"
        hidden
        multiple
        accept=".ndjson,.har"
        data-testid="open-file-input"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])]
          event.target.value = ''
          if (files.length) void openFiles(files)
        }}
      />
    </>
  )
}
