// A real app on a fresh database for API tests: orgs, users of every role, and signed-in clients.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { expect } from 'vitest'
import { createTestDb, type TestDb } from '../db/test-db'
import { createOrg, createUser, type Role } from '../modules/identity'
import { findPartnerName } from '../modules/partners'
import { fixedClock } from '../platform/clock'
import { systemScope } from '../platform/scope'
import { localFileStorage } from '../platform/storage'
import { type AppOptions, buildApp } from './build-app'

export const testPassword = 'correct horse battery'

/** An answer's JSON once its status is the one expected (the body is shown when it is not). */
export async function answerOf<T>(
  res: Promise<{ statusCode: number; body: string; json(): unknown }>,
  status = 200,
): Promise<T> {
  const answer = await res
  expect(answer.statusCode, answer.body).toBe(status)
  return answer.json() as T
}

export interface Client {
  email: string
  /** The credentials it sends (session cookie and CSRF token, or an API key). */
  headers: Readonly<Record<string, string>>
  request(
    method: InjectOptions['method'],
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>
  get(url: string): Promise<LightMyRequestResponse>
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>
  delete(url: string): Promise<LightMyRequestResponse>
}

export interface Harness {
  app: FastifyInstance
  testDb: TestDb
  clock: ReturnType<typeof fixedClock>
  /** Creates an org and returns its id. */
  createOrg(slug: string): Promise<string>
  /** Creates a user with a role in an org and signs them in. */
  signIn(orgId: string, role: Role, options?: { partnerId?: string; email?: string }): Promise<Client>
  /** A client that sends no credentials (or the given headers). */
  anonymous(headers?: Record<string, string>): Client
  /** A client that authenticates with an API key of the given scope, created by a new owner. */
  apiKey(orgId: string, scope: 'read' | 'read_write'): Promise<Client>
  close(): Promise<void>
}

function clientFor(app: FastifyInstance, email: string, headers: Record<string, string>): Client {
  const request: Client['request'] = (method, url, body, extra = {}) =>
    app.inject({
      method,
      url,
      headers: { ...headers, ...extra },
      ...(body !== undefined ? { payload: body as InjectOptions['payload'] } : {}),
    })
  return {
    email,
    headers,
    request,
    get: (url) => request('GET', url),
    post: (url, body) => request('POST', url, body ?? {}),
    patch: (url, body) => request('PATCH', url, body ?? {}),
    put: (url, body) => request('PUT', url, body ?? {}),
    delete: (url) => request('DELETE', url),
  }
}

let counter = 0

export async function createHarness(
  options: Partial<Pick<AppOptions, 'signInRateLimit' | 'publicUrl' | 'logStream' | 'logLevel'>> = {},
): Promise<Harness> {
  const testDb = await createTestDb()
  const clock = fixedClock('2026-06-01T09:00:00Z')
  const { db } = testDb.database
  // uploads go to a folder of this harness's own, removed when it closes
  const filesDir = mkdtempSync(join(tmpdir(), 'credence-files-'))
  const app = await buildApp({
    files: localFileStorage(filesDir),
    database: testDb.database,
    clock,
    secret: 'test-secret-test-secret-test-secret-42',
    publicUrl: 'http://credence.test',
    isDevMail: true,
    webDist: '/nonexistent',
    allowPrivateWebhookTargets: true,
    allowInsecureSsoIssuers: true,
    ...options,
    signInRateLimit: options.signInRateLimit ?? 10_000,
  })
  const partners = { findPartner: (orgId: string, id: string) => findPartnerName(db, orgId, id) }

  const harness: Harness = {
    app,
    testDb,
    clock,
    async createOrg(slug) {
      return (await createOrg(db, { name: `Org ${slug}`, slug }, clock)).id
    },
    async signIn(orgId, role, options = {}) {
      const email = options.email ?? `${role}.${++counter}@${orgId.slice(-6)}.test`
      await createUser(
        db,
        systemScope(orgId),
        { email, name: `${role} user`, password: testPassword, role, partnerId: options.partnerId ?? null },
        { clock, partners },
      )
      return harness
        .anonymous()
        .request('POST', '/api/v1/auth/login', { email, password: testPassword })
        .then((res) => {
          if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.body}`)
          const cookie = res.cookies.find((c) => c.name === 'credence_session')!
          return clientFor(app, email, {
            cookie: `credence_session=${cookie.value}`,
            'x-csrf-token': res.json().csrfToken,
          })
        })
    },
    anonymous: (headers = {}) => clientFor(app, 'anonymous', headers),
    async apiKey(orgId, scope) {
      const owner = await harness.signIn(orgId, 'owner')
      const { secret } = (await owner.post('/api/v1/api-keys', { name: `${scope} key`, scope })).json()
      return clientFor(app, 'api key', { authorization: `Bearer ${secret}` })
    },
    async close() {
      await app.close()
      await testDb.close()
      rmSync(filesDir, { recursive: true, force: true })
    },
  }
  return harness
}
