// For tests of server-sent event routes: opens a stream on a listening test server with a client's
// session and gathers the events it writes, until closed.
import { request } from 'node:http'
import type { Client } from './test-harness'

export interface OpenedStream {
  contentType: string
  events: { id: string; type: string; data: Record<string, unknown> }[]
  close(): void
}

export function openEventStream(
  port: number,
  path: string,
  client: Client,
  headers: Record<string, string> = {},
): Promise<OpenedStream> {
  const events: OpenedStream['events'] = []
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, headers: { ...headers, cookie: client.headers.cookie! } },
      (res) => {
        let buffer = ''
        res.on('data', (chunk: Buffer) => {
          buffer += chunk.toString()
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            const block = buffer.slice(0, end)
            buffer = buffer.slice(end + 2)
            const id = /^id: (.*)$/m.exec(block)?.[1]
            const type = /^event: (.*)$/m.exec(block)?.[1] ?? 'message'
            const data = /^data: (.*)$/m.exec(block)?.[1]
            if (id && data) events.push({ id, type, data: JSON.parse(data) })
          }
        })
        resolve({
          contentType: String(res.headers['content-type'] ?? ''),
          events,
          close: () => req.destroy(),
        })
      },
    )
    req.on('error', (error) => (error.message.includes('socket hang up') ? undefined : reject(error)))
    req.end()
  })
}

/** Waits until the condition holds, or the time is up (the caller's assertions then say what is missing). */
export async function waitFor(condition: () => boolean, ms = 3000): Promise<void> {
  for (const started = Date.now(); !condition() && Date.now() - started < ms; )
    await new Promise((resolve) => setTimeout(resolve, 50))
}
