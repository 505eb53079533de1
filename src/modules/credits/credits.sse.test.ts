import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openEventStream, waitFor } from '../../http/event-stream.test-support'
import { type Client, createHarness, type Harness } from '../../http/test-harness'
import { publish } from '../../platform/events'
import { systemScope } from '../../platform/scope'
import { creditEvents } from './credits.events'

// The live stream delivers credit.changed to whoever may see it: staff get every change of their org,
// a partner user only their own credit, another org nothing.
describe('live credit stream', () => {
  let h: Harness
  let port: number
  let orgId: string
  let staff: Client
  let partnerUser: Client
  let otherOrg: Client
  let partnerId: string
  beforeAll(async () => {
    h = await createHarness()
    await h.app.listen({ port: 0, host: '127.0.0.1' })
    port = (h.app.server.address() as AddressInfo).port
    orgId = await h.createOrg('live-stream')
    staff = await h.signIn(orgId, 'admin')
    partnerId = (await staff.post('/api/v1/partners', { name: 'Streamed', type: 'agency' })).json().id
    partnerUser = await h.signIn(orgId, 'partner_member', { partnerId })
    otherOrg = await h.signIn(await h.createOrg('other-stream'), 'admin')
  })
  afterAll(async () => h?.close())

  const open = (client: Client) => openEventStream(port, '/api/v1/attribution/live', client)

  it('streams a change to staff and to the partner it concerns, never to another org', async () => {
    const streams = await Promise.all([open(staff), open(partnerUser), open(otherOrg)])
    await new Promise((resolve) => setTimeout(resolve, 300))
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
          after: [
            { actor: partnerId, share: '0.6000000000', amountMinor: '600' },
            { actor: 'prt_someone_else', share: '0.4000000000', amountMinor: '400' },
          ],
        }),
        h.clock,
      ),
    )
    await waitFor(() => streams[0]!.events.length > 0 && streams[1]!.events.length > 0)
    await new Promise((resolve) => setTimeout(resolve, 400))
    for (const stream of streams) stream.close()
    expect(streams[0]!.contentType).toContain('text/event-stream')
    expect(streams[0]!.events.map((e) => e.data.dealId)).toEqual(['deal_x'])
    expect((streams[0]!.events[0]!.data.after as unknown[]).length).toBe(2)
    expect(streams[1]!.events[0]!.data.after).toEqual([
      { actor: partnerId, share: '0.6000000000', amountMinor: '600' },
    ])
    expect(JSON.stringify(streams[1]!.events)).not.toContain('prt_someone_else')
    expect(streams[2]!.events).toEqual([])
  })

  it('refuses an anonymous caller with a problem answer, not a stream', async () => {
    const res = await h.anonymous().get('/api/v1/attribution/live')
    expect(res.statusCode).toBe(401)
    expect(res.headers['content-type']).toContain('application/problem+json')
  })
})
