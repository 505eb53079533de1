// Single sign-on routes: the org's provider as admins set it, and the three steps without a session
// (does this email sign in through a provider, go there, come back signed in). The browser steps answer
// with redirects: a failure lands on the sign-in page with its reason, never on an error page.
import '@fastify/cookie'
import type { FastifyReply } from 'fastify'
import { z } from 'zod'
import { AppError } from '../../platform/app-error'
import { type App, scopeOf } from '../../platform/http'
import type { ModuleDeps } from '../../platform/module'
import { setSessionCookie } from './session-cookie'
import {
  ssoCallbackQuery,
  ssoConnectionInput,
  ssoDiscoverQuery,
  ssoDiscoverView,
  ssoSettingsView,
  ssoStartQuery,
} from './sso.contract'
import { deleteSsoConnection, discoverSso, getSsoSettings, putSsoConnection } from './sso.service'
import { createProviderCache } from './sso-provider'
import { finishSsoSignIn, ssoStateTtlMs, startSsoSignIn } from './sso-sign-in.service'

/** Holds the state of a sign-in sent to the provider, so only the browser that started may finish it. */
const stateCookie = 'credence_sso_state'
const ssoPath = '/api/v1/sso'

const redirectTo = { 302: z.null().describe('A redirect (Location)') }

export function ssoRoutes(app: App, deps: ModuleDeps) {
  const { db, signInRateLimit } = deps
  const tags = ['identity']
  const signInDeps = { ...deps, providers: createProviderCache(deps) }
  const rateLimit = { max: signInRateLimit, timeWindow: '1 minute' }
  const toSignInPage = (reply: FastifyReply, error: unknown) => {
    const message =
      error instanceof AppError ? error.message : 'Single sign-on failed; try again or ask an admin'
    return reply.redirect(`/login?${new URLSearchParams({ sso_error: message })}`, 302)
  }

  // GET /sso/connection — the org's provider, never its client secret (admins)
  app.get(
    '/sso/connection',
    {
      config: { isSessionOnly: true },
      schema: {
        summary: 'The org’s single sign-on provider',
        description:
          'The OpenID Connect provider the org’s people sign in through (issuer, client id, email domains, the role of people created on first sign-in) and the callback URL to register at the provider. The client secret is never shown. Admins only.',
        tags,
        response: { 200: ssoSettingsView },
      },
    },
    (req) => getSsoSettings(db, scopeOf(req), deps),
  )

  // PUT /sso/connection — set the provider up or change it; its issuer is proven first (audited)
  app.put(
    '/sso/connection',
    {
      config: { isSessionOnly: true },
      schema: {
        summary: 'Set up single sign-on',
        description:
          'Sets the org’s OpenID Connect provider: its issuer (whose discovery document must answer, or the field `issuer` is refused), client id and secret (sealed at rest; leave it out to keep the stored one), the email domains that sign in through it (a domain belongs to one org) and the staff role of people created on first sign-in. Audited.',
        tags,
        body: ssoConnectionInput,
        response: { 200: ssoSettingsView },
      },
    },
    (req) => putSsoConnection(db, scopeOf(req), req.body, deps),
  )

  // DELETE /sso/connection — back to passwords only (audited)
  app.delete(
    '/sso/connection',
    {
      config: { isSessionOnly: true },
      schema: {
        summary: 'Remove single sign-on',
        description:
          'Removes the org’s provider: its people sign in with their passwords again (people it created on first sign-in have no password they know, so they cannot sign in until one is set). Audited.',
        tags,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await deleteSsoConnection(db, scopeOf(req), deps)
      return reply.code(204).send(null)
    },
  )

  // GET /sso/discover — whether an email signs in through a provider (the sign-in page asks)
  app.get(
    '/sso/discover',
    {
      config: { isPublic: true, rateLimit },
      schema: {
        summary: 'Whether an email signs in through single sign-on',
        description:
          'Without a session: whether the email’s domain signs in through an org’s provider, and the URL that starts it. Says nothing else about the org.',
        tags,
        querystring: ssoDiscoverQuery,
        response: { 200: ssoDiscoverView },
      },
    },
    (req) => discoverSso(db, req.query.email, deps.publicUrl),
  )

  // GET /sso/start — send the browser to the provider of the email's domain
  app.get(
    '/sso/start',
    {
      config: { isPublic: true, rateLimit },
      schema: {
        summary: 'Start single sign-on',
        description:
          'Redirects the browser to the provider of the email’s domain (authorization code flow with PKCE, state and nonce; valid for ten minutes). When the domain has no provider it lands back on the sign-in page with the reason.',
        tags,
        querystring: ssoStartQuery,
        response: redirectTo,
      },
    },
    async (req, reply) => {
      try {
        const started = await startSsoSignIn(db, req.query, signInDeps)
        reply.setCookie(stateCookie, started.state, {
          httpOnly: true,
          // lax: the provider sends the browser back with a top-level GET from its own site
          sameSite: 'lax',
          secure: deps.publicUrl.startsWith('https:'),
          path: ssoPath,
          maxAge: ssoStateTtlMs / 1000,
        })
        return reply.redirect(started.url, 302)
      } catch (error) {
        if (!(error instanceof AppError)) req.log.warn({ err: error }, 'single sign-on did not start')
        return toSignInPage(reply, error)
      }
    },
  )

  // GET /sso/callback — where the provider sends the browser back; signs the person in
  app.get(
    '/sso/callback',
    {
      config: { isPublic: true, rateLimit },
      schema: {
        summary: 'Finish single sign-on',
        description:
          'The redirect URI registered at the provider. Checks the answer (state, nonce, PKCE, the ID token), signs in the org’s user with the verified email — or creates a staff user with the default role — sets the session cookie and redirects to the console; a refusal redirects to the sign-in page with its reason.',
        tags,
        querystring: ssoCallbackQuery,
        response: redirectTo,
      },
    },
    async (req, reply) => {
      const browserState = req.cookies[stateCookie]
      reply.clearCookie(stateCookie, { path: ssoPath })
      try {
        const { signedIn, returnTo } = await finishSsoSignIn(
          db,
          { query: req.query, currentUrl: new URL(req.url, deps.publicUrl), browserState },
          signInDeps,
        )
        setSessionCookie(reply, signedIn.token, deps.publicUrl)
        return reply.redirect(returnTo ?? '/', 302)
      } catch (error) {
        if (!(error instanceof AppError)) req.log.warn({ err: error }, 'single sign-on did not finish')
        return toSignInPage(reply, error)
      }
    },
  )
}
