// Identity routes: sign-in and out, the current user, users, invitations, API keys, dev mail; branding
// (branding.routes.ts) and single sign-on (sso.routes.ts).
import '@fastify/cookie'
import type { FastifyReply } from 'fastify'
import { z } from 'zod'
import { AppError } from '../../platform/app-error'
import { type App, scopeOf } from '../../platform/http'
import { listMail } from '../../platform/mail'
import type { ModuleDeps } from '../../platform/module'
import { idParam, mailView, page, pageQuery } from '../../platform/platform.contract'
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.service'
import { brandingRoutes } from './branding.routes'
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
  orgView,
  updateOrgInput,
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
import { sessionCookie, setSessionCookie } from './session-cookie'
import { getMe, login, logout, type SignedIn } from './sessions.service'
import { ssoRoutes } from './sso.routes'
import { getOrg, listUsers, updateOrg, updateUser } from './users.service'

export function identityRoutes(app: App, deps: ModuleDeps) {
  const { db, isDevMail, signInRateLimit } = deps
  const tags = ['identity']
  const signIn = (signedIn: SignedIn, reply: FastifyReply) => {
    setSessionCookie(reply, signedIn.token, deps.publicUrl)
    return signedIn.me
  }

  // POST /auth/login — sign in with email and password; sets the session cookie
  app.post(
    '/auth/login',
    {
      config: { isPublic: true, rateLimit: { max: signInRateLimit, timeWindow: '1 minute' } },
      schema: {
        summary: 'Sign in',
        description:
          'Signs in with email and password and sets the httpOnly session cookie. Five failed attempts lock the address for 15 minutes, whether or not an account has it. Answers the signed-in user with the CSRF token that cookie-authenticated writes must echo in x-csrf-token.',
        tags,
        body: loginInput,
        response: { 200: meView },
      },
    },
    async (req, reply) => signIn(await login(db, req.body, deps), reply),
  )

  // POST /auth/logout — end this session
  app.post(
    '/auth/logout',
    {
      config: { isPublic: true },
      schema: {
        summary: 'Sign out',
        description: 'Ends the current session and clears its cookie. Safe to call when not signed in.',
        tags,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      if (req.sessionToken) await logout(db, req.sessionToken)
      reply.clearCookie(sessionCookie, { path: '/' })
      return reply.code(204).send(null)
    },
  )

  // GET /me — who is signed in, their org and partner, and the CSRF token for writes
  app.get(
    '/me',
    {
      config: { isSessionOnly: true },
      schema: {
        summary: 'The signed-in user',
        description:
          'The user, their org and partner (for partner users) and the CSRF token for writes. Only for a signed-in person: API keys have no user.',
        tags,
        response: { 200: meView },
      },
    },
    async (req) => {
      const scope = scopeOf(req)
      return getMe(db, scope.orgId, scope.actor.id, req.csrfToken ?? '', deps)
    },
  )

  // GET /org — the org's settings
  app.get(
    '/org',
    {
      schema: {
        summary: 'The org',
        description: 'The org’s name, slug and reporting currency.',
        tags,
        response: { 200: orgView },
      },
    },
    (req) => getOrg(db, scopeOf(req).orgId),
  )

  // PATCH /org — change the org's name or reporting currency (admins; audited)
  app.patch(
    '/org',
    {
      schema: {
        summary: 'Change the org',
        description:
          'Renames the org or sets its reporting currency: the currency the dashboard converts every other currency into, at the loaded ECB reference rates (audited).',
        tags,
        body: updateOrgInput,
        response: { 200: orgView },
      },
    },
    (req) => updateOrg(db, scopeOf(req), req.body, deps.clock),
  )

  brandingRoutes(app, deps)
  ssoRoutes(app, deps)

  // GET /auth/invitations/:token — what an invitation link offers, before accepting it
  app.get(
    '/auth/invitations/:token',
    {
      config: { isPublic: true },
      schema: {
        summary: 'Preview an invitation',
        description:
          'What an invitation link offers (email, org, role, partner, expiry) before it is accepted. An invalid link answers 404, an expired or used one 410.',
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
      schema: {
        summary: 'Accept an invitation',
        description:
          "Sets the invitee's name and password, creates their user and signs them in. The link then stops working.",
        tags,
        body: acceptInvitationInput,
        response: { 200: meView },
      },
    },
    async (req, reply) => signIn(await acceptInvitation(db, req.body, deps), reply),
  )

  // GET /users — the org's users (a partner admin sees their partner's users)
  app.get(
    '/users',
    {
      schema: {
        summary: 'List users',
        description: "The org's users, newest first; a partner admin sees their own partner's users.",
        tags,
        querystring: pageQuery,
        response: { 200: page(userView) },
      },
    },
    (req) => listUsers(db, scopeOf(req), req.query),
  )

  // PATCH /users/:id — change a user's name, role or status (audited)
  app.patch(
    '/users/:id',
    {
      schema: {
        summary: 'Change a user',
        description:
          "Changes a user's name, role or status (audited). Disabling a user ends their sessions at once.",
        tags,
        params: idParam,
        body: updateUserInput,
        response: { 200: userView },
      },
    },
    (req) => updateUser(db, scopeOf(req), req.params.id, req.body, deps),
  )

  // GET /invitations
  app.get(
    '/invitations',
    {
      schema: {
        summary: 'List invitations',
        description:
          'Invitations with their status (pending, accepted, revoked, expired). Links are never listed.',
        tags,
        querystring: pageQuery,
        response: { 200: page(invitationView) },
      },
    },
    (req) => listInvitations(db, scopeOf(req), req.query, deps),
  )

  // POST /invitations — invite a staff or partner user by email; the signed link is mailed and returned
  app.post(
    '/invitations',
    {
      schema: {
        summary: 'Invite a user',
        description:
          'Invites a staff or partner user by email. The signed link is mailed and returned once, in this answer only. A new invitation replaces a pending one for the same address.',
        tags,
        body: createInvitationInput,
        response: { 201: createdInvitationView },
      },
    },
    async (req, reply) => reply.code(201).send(await createInvitation(db, scopeOf(req), req.body, deps)),
  )

  // DELETE /invitations/:id — revoke a pending invitation
  app.delete(
    '/invitations/:id',
    {
      schema: {
        summary: 'Revoke an invitation',
        description: 'Revokes a pending invitation; its link stops working.',
        tags,
        params: idParam,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await revokeInvitation(db, scopeOf(req), req.params.id, deps)
      return reply.code(204).send(null)
    },
  )

  // GET /api-keys
  app.get(
    '/api-keys',
    {
      schema: {
        summary: 'List API keys',
        description: "The org's API keys (never their secrets), with when each was last used.",
        tags,
        querystring: pageQuery,
        response: { 200: page(apiKeyView) },
      },
    },
    (req) => listApiKeys(db, scopeOf(req), req.query),
  )

  // POST /api-keys — create a key; its secret is in this response only
  app.post(
    '/api-keys',
    {
      schema: {
        summary: 'Create an API key',
        description:
          'Creates a key scoped read or read_write. The secret is in this answer only; store it then. Keys cannot create keys or manage people.',
        tags,
        body: createApiKeyInput,
        response: { 201: createdApiKeyView },
      },
    },
    async (req, reply) => reply.code(201).send(await createApiKey(db, scopeOf(req), req.body, deps)),
  )

  // DELETE /api-keys/:id — revoke a key; it stops working at once
  app.delete(
    '/api-keys/:id',
    {
      schema: {
        summary: 'Revoke an API key',
        description: 'Revokes a key; it stops working at once. Revoking twice changes nothing.',
        tags,
        params: idParam,
        response: { 204: z.null() },
      },
    },
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
      schema: {
        summary: 'Outgoing mail (development)',
        description:
          'The last 100 messages, when no SMTP server is configured. Holds invitation links, so only a signed-in owner or admin may read it, never an API key.',
        tags,
        response: { 200: z.object({ items: z.array(mailView) }) },
      },
    },
    async (req) => {
      const scope = scopeOf(req)
      identityPermissions.require(scope, 'dev_mail.read')
      if (!isDevMail) throw new AppError('NOT_FOUND', 'Mail is sent by SMTP; the dev mail view is off')
      return { items: await listMail(db, scope.orgId) }
    },
  )
}
