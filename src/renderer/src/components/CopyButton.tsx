import { useEffect, useState } from 'react'

/** Copies `text` to the clipboard and says so for a moment; failures are reported via `onError`. */
export function CopyButton({
  text,
  label = 'Copy',
  onError
}: {
  text: string
  label?: string
  onError: (message: string) => void
}) {
  const [copied, setCopied] = useState(false)
  useEffect(() => {
    if (!copied) return
    const timer = setTimeout(() => setCopied(false), 1_200)
    return () => clearTimeout(timer)
  }, [copied])

  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(text)
      setCopied(true)
    } catch (error) {
      onError(error instanceof Error ? error.message : String(error))
    }
  }

  return (
    <button type="button" className="btn btn-small" data-testid="copy-raw" onClick={() => void copy()}>
      {copied ? 'Copied ✓' : label}
    </button>
  )
}
