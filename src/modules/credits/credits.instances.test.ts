import { request } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Database, openDatabase } from '../../db/client'
import { buildApp } from '../../http/build-app'
import { type Client, createHarness, type Harness } from '../../http/test-harness'
import { publish } from '../../platform/events'
import { systemScope } from '../../platform/scope'
import { creditEvents } from './credits.events'

// Several `serve` instances share one database: a change committed through one reaches a browser
// connected to another at once, woken by LISTEN/NOTIFY rather than by its fallback poll (2 s). On
// PostgreSQL the second instance has its own connections; PGlite has one process, so there the two
// apps share it and each listens for itself.
describe('live credit across instances', () => {
  let h: Harness
  let other: { database: Database; app: FastifyInstance; port: number }
  let orgId: string
  let staff: Client
  beforeAll(async () => {
    h = await createHarness()
    const shared = h.testDb.database
    const database =
      shared.kind === 'postgres'
        ? await openDatabase({ url: String(shared.pool!.options.connectionString) })
        : shared
    const app = await buildApp({
      database,
      clock: h.clock,
      secret: 'test-secret-test-secret-test-secret-42',
      publicUrl: 'http://credence.test',
      isDevMail: true,
      webDist: '/nonexistent',
    })
    await app.listen({ port: 0, host: '127.0.0.1' })
    other = { database, app, port: (app.server.address() as AddressInfo).port }
    orgId = await h.createOrg('instances')
    staff = await h.signIn(orgId, 'admin')
  })
  afterAll(async () => {
    await other?.app.close()
    if (other?.database !== h?.testDb.database) await other?.database.close()
    await h?.close()
  })

  it('delivers a change made through one instance to a stream on the other within a moment', async () => {
    const received: number[] = []
    const req = request(
      {
        host: '127.0.0.1',
        port: other.port,
        path: '/api/v1/attribution/live',
        headers: { cookie: staff.headers.cookie! },
      },
      (res) => {
        expect(res.statusCode).toBe(200)
        res.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('event: credit.changed')) received.push(Date.now())
        })
      },
    )
    req.on('error', () => undefined)
    req.end()
    await new Promise((resolve) => setTimeout(resolve, 300))
    const sentAt = Date.now()
    await h.testDb.database.db.transaction((tx) =>
      publish(
        tx,
        systemScope(orgId),
        creditEvents.event('credit.changed', 'deal_x', {
          dealId: 'deal_x',
          modelId: 'mdl_x',
          role: 'paying',
          runId: 'run_x',
          currency: 'EUR',
          before: [],
          after: [{ actor: 'prt_x', share: '1', amountMinor: '100' }],
        }),
        h.clock,
      ),
    )
    for (const started = Date.now(); received.length === 0 && Date.now() - started < 3000; )
      await new Promise((resolve) => setTimeout(resolve, 10))
    req.destroy()
    expect(received).toHaveLength(1)
    expect(received[0]! - sentAt).toBeLessThan(1000)
  })
})
