// What every module's routes share: the request's scope and the typed app handle they register on.
import { Readable } from 'node:stream'
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { AppError } from './app-error'
import type { LiveStream } from './event-stream'
import type { Scope } from './scope'

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth hook: who is calling, or null for an anonymous request. */
    scope: Scope | null
    /** How the caller proved who they are. */
    authKind: 'session' | 'api_key' | null
    sessionToken: string | null
    /** The session's CSRF token, which cookie-authenticated writes must echo. */
    csrfToken: string | null
  }
  interface FastifyContextConfig {
    /** Routes anyone may call without signing in. */
    isPublic?: boolean
    /** Routes for a signed-in person only, never an API key (they show links that make a person). */
    isSessionOnly?: boolean
  }
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>

/** The caller's scope; a route behind sign-in can rely on it. */
export function scopeOf(req: FastifyRequest): Scope {
  if (!req.scope) throw new AppError('UNAUTHENTICATED', 'Sign in or send an API key')
  return req.scope
}

/** A CSV body: text/csv arrives as a stream (build-app.ts); anything else is refused naming the body. */
export function csvStream(body: unknown): Readable {
  if (body instanceof Readable) return body
  throw new AppError('BAD_REQUEST', 'Send the file as the body with Content-Type: text/csv', [
    { path: 'body', message: 'must be a CSV file (text/csv)' },
  ])
}

/** A CSV body as text, refused past `limit` bytes. */
export async function csvText(body: unknown, limit: number): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of csvStream(body) as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) throw new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${limit} bytes`)
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * Answers with a text/event-stream and hands it to `run` until the client goes away. Settle
 * permissions before calling, so a refusal is still an ordinary problem answer.
 */
export async function sendEventStream(
  req: FastifyRequest,
  reply: FastifyReply,
  run: (stream: LiveStream) => Promise<void>,
): Promise<void> {
  reply.hijack()
  reply.raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    connection: 'keep-alive',
  })
  const closed = new Promise<void>((resolve) => req.raw.on('close', () => resolve()))
  await run({ write: (text) => reply.raw.write(text), closed }).finally(() => reply.raw.end())
}
