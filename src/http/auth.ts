// Who is calling: a session cookie (with CSRF on writes) or a bearer API key. Anonymous calls reach
// only routes marked public.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Db } from '../db/client'
import { authenticateApiKey, authenticateSession, csrfMatches, sessionCookie } from '../modules/identity'
import { AppError } from '../platform/app-error'
import type { Clock } from '../platform/clock'

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS'])

async function identify(req: FastifyRequest, db: Db, clock: Clock): Promise<void> {
  const header = req.headers.authorization
  if (header) {
    const [kind, secret] = header.split(' ')
    if (kind?.toLowerCase() !== 'bearer' || !secret)
      throw new AppError('UNAUTHENTICATED', 'Authorization must be "Bearer <api key>"')
    const scope = await authenticateApiKey(db, secret, clock)
    if (!scope) throw new AppError('UNAUTHENTICATED', 'This API key is not valid or has been revoked')
    req.scope = scope
    req.authKind = 'api_key'
    return
  }
  const token = req.cookies[sessionCookie]
  if (!token) return
  req.sessionToken = token
  const session = await authenticateSession(db, token, clock)
  if (!session) return
  req.scope = session.scope
  req.authKind = 'session'
  req.csrfToken = session.csrfToken
}

export function registerAuth(app: FastifyInstance, db: Db, clock: Clock): void {
  app.decorateRequest('scope', null)
  app.decorateRequest('authKind', null)
  app.decorateRequest('sessionToken', null)
  app.decorateRequest('csrfToken', null)

  app.addHook('preValidation', async (req) => {
    if (!req.url.startsWith('/api/')) return
    await identify(req, db, clock)
    const isPublic = req.routeOptions.config?.isPublic === true
    if (!req.scope) {
      if (isPublic) return
      throw new AppError('UNAUTHENTICATED', 'Sign in or send an API key')
    }
    if (req.routeOptions.config?.isSessionOnly === true && req.authKind !== 'session')
      throw new AppError('FORBIDDEN', 'Only a signed-in person may do this; API keys may not')
    if (safeMethods.has(req.method)) return
    if (
      req.authKind === 'session' &&
      !csrfMatches(req.csrfToken ?? '', req.headers['x-csrf-token'] as string | undefined)
    ) {
      throw new AppError('FORBIDDEN', 'Missing or wrong x-csrf-token header (take it from GET /api/v1/me)')
    }
    if (req.authKind === 'api_key' && req.scope.actor.role === 'analyst') {
      throw new AppError('FORBIDDEN', 'This API key is read-only')
    }
  })
}
