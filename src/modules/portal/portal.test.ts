// The portal's live feed: a partner user follows what changed for their own partner — their credit
// lines, commission, tier, health and onboarding — and nothing of another partner or another org; staff
// and strangers get a problem answer, not a stream.
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type OpenedStream, openEventStream, waitFor } from '../../http/event-stream.test-support'
import { type Client, createHarness, type Harness } from '../../http/test-harness'
import { type DeclaredEvent, publishAll } from '../../platform/events'
import { systemScope } from '../../platform/scope'
import { creditEvents } from '../credits'
import { incentiveEvents } from '../incentives'
import { programEvents } from '../programs'

describe('portal live feed', () => {
  let h: Harness
  let port: number
  let orgId: string
  let ours: string
  let theirs: string
  let staff: Client
  let ourUser: Client
  let theirUser: Client
  let otherOrgUser: Client

  beforeAll(async () => {
    h = await createHarness()
    await h.app.listen({ port: 0, host: '127.0.0.1' })
    port = (h.app.server.address() as AddressInfo).port
    orgId = await h.createOrg('portal-live')
    staff = await h.signIn(orgId, 'admin')
    ours = (await staff.post('/api/v1/partners', { name: 'Ours', type: 'agency' })).json().id
    theirs = (await staff.post('/api/v1/partners', { name: 'Theirs', type: 'reseller' })).json().id
    ourUser = await h.signIn(orgId, 'partner_member', { partnerId: ours })
    theirUser = await h.signIn(orgId, 'partner_admin', { partnerId: theirs })
    const otherOrg = await h.createOrg('portal-live-other')
    const otherAdmin = await h.signIn(otherOrg, 'admin')
    const stranger = (await otherAdmin.post('/api/v1/partners', { name: 'Elsewhere', type: 'agency' })).json()
      .id
    otherOrgUser = await h.signIn(otherOrg, 'partner_admin', { partnerId: stranger })
  })
  afterAll(async () => h?.close())

  const open = (client: Client) => openEventStream(port, '/api/v1/portal/live', client)
  const publishNow = (list: DeclaredEvent[]) =>
    h.testDb.database.db.transaction((tx) => publishAll(tx, systemScope(orgId), list, h.clock))
  const credit = (dealId: string) =>
    creditEvents.event('credit.changed', dealId, {
      dealId,
      modelId: 'mdl_x',
      role: 'paying',
      runId: 'run_x',
      currency: 'USD',
      before: [],
      after: [
        { actor: ours, share: '0.7500000000', amountMinor: '7500' },
        { actor: theirs, share: '0.2500000000', amountMinor: '2500' },
      ],
    })
  const commission = (partnerId: string) =>
    incentiveEvents.event('commission.posted', partnerId, {
      partnerId,
      dealIds: ['deal_a'],
      entries: 1,
      net: [{ currency: 'USD', amountMinor: '750' }],
    })
  const types = (stream: OpenedStream) => stream.events.map((e) => e.type)

  it('carries each partner’s own credit lines, commission, tier, health and onboarding, and no one else’s', async () => {
    const streams = await Promise.all([open(ourUser), open(theirUser), open(otherOrgUser)])
    const [mine, their, elsewhere] = streams
    await new Promise((resolve) => setTimeout(resolve, 300))
    await publishNow([
      credit('deal_a'),
      commission(ours),
      commission(theirs),
      programEvents.event('tier.changed', ours, { partnerId: ours, from: 'Silver', to: 'Gold', reason: 'r' }),
      programEvents.event('health.changed', theirs, {
        partnerId: theirs,
        score: 41,
        band: 'at_risk',
        from: { score: 63, band: 'watch' },
      }),
      programEvents.event('onboarding.completed', ours, {
        partnerId: ours,
        workflowId: 'wf_x',
        version: 1,
        isStatusActivated: true,
      }),
      programEvents.event('ticket.opened', ours, {
        ticketId: 'tkt_x',
        partnerId: ours,
        category: 'billing',
        priority: 'normal',
        side: 'partner',
      }),
    ])
    await waitFor(() => mine!.events.length >= 4 && their!.events.length >= 3)
    await new Promise((resolve) => setTimeout(resolve, 400))
    for (const stream of streams) stream.close()

    expect(mine!.contentType).toContain('text/event-stream')
    expect(types(mine!)).toEqual([
      'credit.changed',
      'commission.posted',
      'tier.changed',
      'onboarding.completed',
    ])
    expect(mine!.events[0]!.data.after).toEqual([{ actor: ours, share: '0.7500000000', amountMinor: '7500' }])
    expect(mine!.events[2]!.data).toMatchObject({ to: 'Gold' })
    expect(JSON.stringify(mine!.events)).not.toContain(theirs)

    expect(types(their!)).toEqual(['credit.changed', 'commission.posted', 'health.changed'])
    expect(their!.events[0]!.data.after).toEqual([
      { actor: theirs, share: '0.2500000000', amountMinor: '2500' },
    ])
    expect(their!.events[2]!.data).toMatchObject({ score: 41, band: 'at_risk' })
    expect(JSON.stringify(their!.events)).not.toContain(ours)

    expect(elsewhere!.events).toEqual([])
  })

  it('reaches the partner’s event at once behind a page of other partners’ events', async () => {
    const stream = await open(ourUser)
    await new Promise((resolve) => setTimeout(resolve, 300))
    await publishNow([...Array.from({ length: 450 }, () => commission(theirs)), commission(ours)])
    // the stream reads the pages one after another instead of waiting for the next event between them
    await waitFor(() => stream.events.length > 0, 1500)
    stream.close()
    expect(types(stream)).toEqual(['commission.posted'])
  })

  it('resumes after the Last-Event-ID a reconnecting browser sends', async () => {
    const tier = programEvents.event('tier.changed', ours, {
      partnerId: ours,
      from: 'Gold',
      to: 'Platinum',
      reason: 'r',
    })
    const [seen, missed] = await publishNow([commission(ours), tier])
    const stream = await openEventStream(port, '/api/v1/portal/live', ourUser, { 'last-event-id': seen! })
    await waitFor(() => stream.events.length > 0)
    await new Promise((resolve) => setTimeout(resolve, 300))
    stream.close()
    expect(stream.events.map((e) => [e.id, e.type])).toEqual([[missed, 'tier.changed']])
  })

  it('refuses staff and strangers with a problem answer, not a stream', async () => {
    const forStaff = await staff.get('/api/v1/portal/live')
    expect(forStaff.statusCode).toBe(403)
    expect(forStaff.headers['content-type']).toContain('application/problem+json')
    const anonymous = await h.anonymous().get('/api/v1/portal/live')
    expect(anonymous.statusCode).toBe(401)
    expect(anonymous.headers['content-type']).toContain('application/problem+json')
  })
})
