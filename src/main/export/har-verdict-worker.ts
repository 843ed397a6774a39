/**
 * The HAR export's verdict worker: folds the batches the writer sends, in order, and answers the
 * verdict when asked (see `startVerdictFold`). Built beside the main bundle as `har-verdict-worker.js`.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { VerdictModel, type FromVerdictWorker, type ToVerdictWorker } from './har-verdict'

const port = parentPort
if (!port) throw new Error('har-verdict-worker runs as a worker thread only')
const model = new VerdictModel((workerData as { sessionId: string }).sessionId)
const reply = (message: FromVerdictWorker): void => port.postMessage(message)

port.on('message', (message: ToVerdictWorker) => {
  try {
    if (message.kind === 'batch') {
      model.add(message.batch)
      reply({ kind: 'folded' })
    } else reply({ kind: 'verdict', ...model.verdict(message.ended, message.options) })
  } catch (error) {
    reply({ kind: 'failed', message: error instanceof Error ? error.message : String(error) })
  }
})
port.on('messageerror', (error) =>
  reply({ kind: 'failed', message: `a batch could not be read (${error.message})` })
)
