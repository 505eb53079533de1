// Identity routes: sign-in and out, the current user, users, invitations, API keys, dev mail.
import '@fastify/cookie'
import type { FastifyReply } from 'fastify'
import { z } from 'zod'
import { AppError } from '../../platform/app-error'
import { type App, scopeOf } from '../../platform/http'
import { listMail } from '../../platform/mail'
import type { ModuleDeps } from '../../platform/module'
import { idParam, mailView, page, pageQuery } from '../../platform/platform.contract'
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.service'
import {
  acceptInvitationInput,
  apiKeyView,
  createApiKeyInput,
  createdApiKeyView,
  createdInvitationView,
  createInvitationInput,
  invitationPreview,
  invitationView,
  loginInput,
  meView,
  updateUserInput,
  userView,
} from './identity.contract'
import {
  acceptInvitation,
  createInvitation,
  listInvitations,
  previewInvitation,
  revokeInvitation,
} from './invitations.service'
import { identityPermissions } from './permissions'
import { getMe, login, logout, type SignedIn, sessionTtlMs } from './sessions.service'
import { listUsers, updateUser } from './users.service'

export const sessionCookie = 'credence_session'

export function identityRoutes(app: App, deps: ModuleDeps) {
  const { db, isDevMail, signInRateLimit } = deps
  // the session cookie is Secure when the app is served over https
  const secureCookies = deps.publicUrl.startsWith('https:')
  const tags = ['identity']
  const signIn = (signedIn: SignedIn, reply: FastifyReply) => {
    reply.setCookie(sessionCookie, signedIn.token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: secureCookies,
      path: '/',
      maxAge: sessionTtlMs / 1000,
    })
    return signedIn.me
  }

  // POST /auth/login — sign in with email and password; sets the session cookie
  app.post(
    '/auth/login',
    {
      config: { isPublic: true, rateLimit: { max: signInRateLimit, timeWindow: '1 minute' } },
      schema: { tags, body: loginInput, response: { 200: meView } },
    },
    async (req, reply) => signIn(await login(db, req.body, deps), reply),
  )

  // POST /auth/logout — end this session
  app.post(
    '/auth/logout',
    { config: { isPublic: true }, schema: { tags, response: { 204: z.null() } } },
    async (req, reply) => {
      if (req.sessionToken) await logout(db, req.sessionToken)
      reply.clearCookie(sessionCookie, { path: '/' })
      return reply.code(204).send(null)
    },
  )

  // GET /me — who is signed in, their org and partner, and the CSRF token for writes
  app.get(
    '/me',
    { config: { isSessionOnly: true }, schema: { tags, response: { 200: meView } } },
    async (req) => {
      const scope = scopeOf(req)
      return getMe(db, scope.orgId, scope.actor.id, req.csrfToken ?? '', deps)
    },
  )

  // GET /auth/invitations/:token — what an invitation link offers, before accepting it
  app.get(
    '/auth/invitations/:token',
    {
      config: { isPublic: true },
      schema: {
        tags,
        params: z.object({ token: z.string().max(2000) }),
        response: { 200: invitationPreview },
      },
    },
    (req) => previewInvitation(db, req.params.token, deps),
  )

  // POST /auth/accept-invitation — set a name and password, become a user, and sign in
  app.post(
    '/auth/accept-invitation',
    {
      config: { isPublic: true, rateLimit: { max: signInRateLimit, timeWindow: '1 minute' } },
      schema: { tags, body: acceptInvitationInput, response: { 200: meView } },
    },
    async (req, reply) => signIn(await acceptInvitation(db, req.body, deps), reply),
  )

  // GET /users — the org's users (a partner admin sees their partner's users)
  app.get('/users', { schema: { tags, querystring: pageQuery, response: { 200: page(userView) } } }, (req) =>
    listUsers(db, scopeOf(req), req.query),
  )

  // PATCH /users/:id — change a user's name, role or status (audited)
  app.patch(
    '/users/:id',
    { schema: { tags, params: idParam, body: updateUserInput, response: { 200: userView } } },
    (req) => updateUser(db, scopeOf(req), req.params.id, req.body, deps),
  )

  // GET /invitations
  app.get(
    '/invitations',
    { schema: { tags, querystring: pageQuery, response: { 200: page(invitationView) } } },
    (req) => listInvitations(db, scopeOf(req), req.query, deps),
  )

  // POST /invitations — invite a staff or partner user by email; the signed link is mailed and returned
  app.post(
    '/invitations',
    { schema: { tags, body: createInvitationInput, response: { 201: createdInvitationView } } },
    async (req, reply) => reply.code(201).send(await createInvitation(db, scopeOf(req), req.body, deps)),
  )

  // DELETE /invitations/:id — revoke a pending invitation
  app.delete(
    '/invitations/:id',
    { schema: { tags, params: idParam, response: { 204: z.null() } } },
    async (req, reply) => {
      await revokeInvitation(db, scopeOf(req), req.params.id, deps)
      return reply.code(204).send(null)
    },
  )

  // GET /api-keys
  app.get(
    '/api-keys',
    { schema: { tags, querystring: pageQuery, response: { 200: page(apiKeyView) } } },
    (req) => listApiKeys(db, scopeOf(req), req.query),
  )

  // POST /api-keys — create a key; its secret is in this response only
  app.post(
    '/api-keys',
    { schema: { tags, body: createApiKeyInput, response: { 201: createdApiKeyView } } },
    async (req, reply) => reply.code(201).send(await createApiKey(db, scopeOf(req), req.body, deps)),
  )

  // DELETE /api-keys/:id — revoke a key; it stops working at once
  app.delete(
    '/api-keys/:id',
    { schema: { tags, params: idParam, response: { 204: z.null() } } },
    async (req, reply) => {
      await revokeApiKey(db, scopeOf(req), req.params.id, deps)
      return reply.code(204).send(null)
    },
  )

  // GET /dev/mail — outgoing mail, when no SMTP server is configured; it holds invitation links, so
  // only a signed-in owner or admin may read it, never an API key
  app.get(
    '/dev/mail',
    {
      config: { isSessionOnly: true },
      schema: { tags, response: { 200: z.object({ items: z.array(mailView) }) } },
    },
    async (req) => {
      const scope = scopeOf(req)
      identityPermissions.require(scope, 'dev_mail.read')
      if (!isDevMail) throw new AppError('NOT_FOUND', 'Mail is sent by SMTP; the dev mail view is off')
      return { items: await listMail(db, scope.orgId) }
    },
  )
}
