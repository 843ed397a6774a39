import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { performance } from 'node:perf_hooks'
import type { HttpDetail } from '../../shared/diagnosis/preflight-vocabulary'
import { failedCheck, type PreflightDraft } from './preflight-draft'
import { timeBox } from '../common/time-box'
import { withCancel } from './cancel-signal'

/** Non-JSON bodies are kept up to this size. */
const TEXT_LIMIT = 2048
/** Stop reading a body past this size (a health body is a few KiB). */
const READ_LIMIT = 256 * 1024

type Answer = { status: number; contentType: string | null; body: Buffer; truncated: boolean }

function readAnswer(response: IncomingMessage): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let truncated = false
    const finish = (): void => {
      const header = response.headers['content-type']
      resolve({
        status: response.statusCode ?? 0,
        contentType: typeof header === 'string' ? header : null,
        body: Buffer.concat(chunks),
        truncated
      })
    }
    response.on('data', (chunk: Buffer) => {
      if (size + chunk.length > READ_LIMIT) {
        chunks.push(chunk.subarray(0, READ_LIMIT - size))
        size = READ_LIMIT
        truncated = true
        response.destroy()
        finish()
        return
      }
      chunks.push(chunk)
      size += chunk.length
    })
    response.once('end', finish)
    response.once('error', reject)
  })
}

/**
 * GET one health endpoint, time-boxed: status, time, and the parsed JSON body (non-JSON
 * bodies as up to 2 KiB of text). Sends no credential: only Accept and User-Agent.
 */
export async function checkHttp(
  name: string,
  url: string,
  timeoutMs: number,
  ca?: string | Buffer,
  cancel?: AbortSignal
): Promise<PreflightDraft> {
  const started = performance.now()
  const detail: HttpDetail = { url }
  try {
    const target = new URL(url)
    const request = target.protocol === 'https:' ? httpsRequest : httpRequest
    const answer = await timeBox(
      timeoutMs,
      (timeBoxSignal) =>
        new Promise<Answer>((resolve, reject) => {
          const signal = withCancel(timeBoxSignal, cancel)
          // TLS trust is judged by the TLS check; here only the health answer matters.
          const req = request(
            target,
            {
              method: 'GET',
              headers: { accept: 'application/json', 'user-agent': 'netra-diagnostics-preflight' },
              rejectUnauthorized: false,
              ...(ca ? { ca } : {})
            },
            (response) => {
              readAnswer(response).then(resolve, reject)
            }
          )
          signal.addEventListener(
            'abort',
            () => req.destroy(signal.reason instanceof Error ? signal.reason : new Error('aborted')),
            { once: true }
          )
          req.once('error', reject)
          req.end()
        })
    )
    detail.contentType = answer.contentType
    const text = answer.body.toString('utf8')
    let parsed: { value: unknown } | null = null
    if (!answer.truncated && text.trim() !== '') {
      try {
        parsed = { value: JSON.parse(text) }
      } catch {
        parsed = null
      }
    }
    if (parsed) detail.body = parsed.value
    else if (text !== '') {
      detail.text = text.slice(0, TEXT_LIMIT)
      if (answer.truncated || text.length > TEXT_LIMIT) detail.truncated = true
    }
    return {
      kind: 'preflight',
      dir: 'local',
      check: 'http',
      name,
      target: url,
      ok: answer.status >= 200 && answer.status < 300,
      ms: performance.now() - started,
      status: answer.status,
      detail,
      error: null
    }
  } catch (error) {
    return failedCheck('http', name, url, performance.now() - started, detail, error)
  }
}
