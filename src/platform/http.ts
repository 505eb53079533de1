// What every module's routes share: the request's scope and the typed app handle they register on.
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { AppError } from './app-error'
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
