// The composition root for HTTP: plugins, auth, every module's routes, OpenAPI, the web app.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import fastifyCookie from '@fastify/cookie'
import fastifyHelmet from '@fastify/helmet'
import fastifyRateLimit from '@fastify/rate-limit'
import fastifyStatic from '@fastify/static'
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import Fastify, { type FastifyInstance } from 'fastify'
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod'
import type { Database } from '../db/client'
import { webhookOpenApi } from '../modules/integrations'
import { modules } from '../modules/registry'
import { AppError } from '../platform/app-error'
import type { Clock } from '../platform/clock'
import { type EventSignal, listenForEvents } from '../platform/event-signal'
import type { App } from '../platform/http'
import type { FileStorage } from '../platform/storage'
import { registerAuth } from './auth'
import { createModuleDeps } from './deps'
import { refuseUnstorableText } from './input-guard'
import { type LogStream, loggerOptions } from './logging'
import { clientErrorHandler, errorHandler, problemOf, routerErrorHandler, sendProblem } from './problem'
import { securityHeaders } from './security-headers'

export interface AppOptions {
  database: Database
  clock: Clock
  secret: string
  publicUrl: string
  isDevMail: boolean
  logLevel?: string
  /** Sign-in attempts allowed per client address per minute. */
  signInRateLimit?: number
  /** Webhook endpoints may name internal addresses (a local trial, tests). */
  allowPrivateWebhookTargets?: boolean
  /** Single sign-on may use an http issuer on 127.0.0.1 or localhost (a local trial, tests). */
  allowInsecureSsoIssuers?: boolean
  /** Take the client address from X-Forwarded-For (only behind a trusted proxy). */
  trustProxy?: boolean
  /** Serve the built web app from this folder when it exists. */
  webDist?: string
  /** Where logs go (standard output by default); tests read them here. */
  logStream?: LogStream
  /** The process's listener for committed events; the app opens its own when not given. */
  eventSignal?: EventSignal
  /** Where uploaded files are kept (ticket attachments); without it uploads are refused. */
  files?: FileStorage
}

export const defaultWebDist = fileURLToPath(new URL('../../web/dist', import.meta.url))

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { database, clock } = options
  const { db } = database
  const app = Fastify({
    logger: loggerOptions(options.logLevel ?? 'silent', options.logStream),
    bodyLimit: 1024 * 1024,
    // invitation tokens travel in the path
    routerOptions: { maxParamLength: 2048 },
    trustProxy: options.trustProxy ?? false,
    ajv: { customOptions: { coerceTypes: 'array' } },
    frameworkErrors: routerErrorHandler,
    clientErrorHandler,
  })
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  app.setErrorHandler(errorHandler)

  await app.register(fastifyCookie)
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_req, context) =>
      new AppError('RATE_LIMITED', `Too many requests; try again in ${Math.ceil(context.ttl / 1000)} s`),
  })
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Credence API',
        version: '1',
        description:
          'The attribution-first partner platform: partners, accounts, deals and every touch on them. ' +
          'Authenticate with `Authorization: Bearer <api key>` (Settings → API keys) or a session cookie ' +
          '(writes then need the x-csrf-token header from GET /me). Errors are RFC 9457 problem+json naming ' +
          'the field; lists are cursor-paginated (pass nextCursor back as cursor); money is exact: ' +
          'amountMinor in integer minor units of an ISO 4217 currency. Imports upsert by (source, externalId).',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key from Settings → API keys' },
          session: { type: 'apiKey', in: 'cookie', name: 'credence_session' },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
      // the events webhooks POST, each with its payload's schema
      webhooks: webhookOpenApi() as Record<string, object>,
    },
    transform: jsonSchemaTransform,
    // schemas with a .meta({ id }) become named components that operations refer to
    transformObject: jsonSchemaTransformObject,
  })
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' })
  await app.register(fastifyHelmet, securityHeaders(app.swaggerCSP, options.publicUrl))
  app.addHook('onSend', async (req, reply) => {
    // API answers carry people's data and session tokens: no shared or browser cache keeps them (a
    // route serving public content by its hash, a logo, says how long it may be kept)
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control'))
      reply.header('cache-control', 'no-store')
  })
  registerAuth(app, db, clock)
  app.addHook('preValidation', refuseUnstorableText)
  // a CSV body (an import, a rates file) reaches its route as a stream, never held whole here
  app.addContentTypeParser('text/csv', (_req, payload, done) => done(null, payload))

  const eventSignal = options.eventSignal ?? (await listenForEvents(database))
  if (!options.eventSignal) app.addHook('onClose', () => eventSignal.close())
  const deps = createModuleDeps(db, {
    eventSignal,
    clock,
    secret: options.secret,
    publicUrl: options.publicUrl,
    isDevMail: options.isDevMail,
    signInRateLimit: options.signInRateLimit ?? 20,
    allowPrivateWebhookTargets: options.allowPrivateWebhookTargets ?? false,
    allowInsecureSsoIssuers: options.allowInsecureSsoIssuers ?? false,
    ...(options.files ? { files: options.files } : {}),
  })
  await app.register(
    async (api) => {
      for (const module of modules) module.routes?.(api as unknown as App, deps)
    },
    { prefix: '/api/v1' },
  )

  app.get('/api/v1/openapi.json', { schema: { hide: true }, config: { isPublic: true } }, () => app.swagger())
  app.get('/healthz', { schema: { hide: true } }, async () => {
    await database.query('select 1')
    return { ok: true }
  })

  const webDist = options.webDist ?? defaultWebDist
  const hasWeb = existsSync(webDist)
  if (hasWeb) await app.register(fastifyStatic, { root: webDist, wildcard: false })
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || !hasWeb || req.method !== 'GET') {
      return sendProblem(reply, problemOf(404, `No route ${req.method} ${req.url.split('?')[0]}`))
    }
    // the web app routes on the client: every other page gets index.html
    return reply.sendFile('index.html')
  })
  return app
}
