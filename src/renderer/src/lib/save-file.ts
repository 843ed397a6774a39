/** A file produced in memory (an export), ready to be saved by the browser: text, or a Blob assembled from chunks. */
export type InMemoryFile = { fileName: string; mimeType: string; content: string | Blob }

/** Object URLs are freed after this long: the download has long started by then. */
const REVOKE_AFTER_MS = 10_000

/**
 * Save `file` through the browser's download path: a Blob, an object URL and a temporary
 * `<a download>`. This needs no host support, so it works the same in the web host and in Electron.
 */
export function saveFile(file: InMemoryFile, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: file.mimeType }))
  const link = doc.createElement('a')
  link.href = url
  link.download = file.fileName
  link.rel = 'noopener'
  link.style.display = 'none'
  // Firefox only follows a click on a link that is in the document.
  doc.body.appendChild(link)
  try {
    link.click()
  } finally {
    link.remove()
    // Revoking synchronously can cancel the download before the browser has read the blob.
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS)
  }
}
