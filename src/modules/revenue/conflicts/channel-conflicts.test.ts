import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, createHarness, type Harness } from '../../../http/test-harness'
import { listEvents } from '../../../platform/events'
import { auditLog } from '../../../platform/platform.tables'

describe('channel conflicts', () => {
  let h: Harness
  let orgId: string
  let admin: Client
  let analyst: Client
  const partner: Record<string, string> = {}
  let globex: string
  let initech: string

  const deal = async (name: string, accountId: string | null, status = 'open') =>
    (
      await admin.post('/api/v1/deals', {
        name,
        ...(accountId ? { accountId } : {}),
        amount: '1000',
        currency: 'USD',
        status,
        ...(status === 'won' ? { stage: 'closed_won', closedAt: '2026-05-01T00:00:00Z' } : {}),
        openedAt: '2026-03-01T00:00:00Z',
      })
    ).json().id as string
  const touch = (dealId: string, partnerId: string, activityType: string, occurredAt: string) =>
    admin.post('/api/v1/touchpoints', {
      dealId,
      actor: { kind: 'partner', partnerId },
      activityType,
      occurredAt,
    })

  beforeAll(async () => {
    h = await createHarness()
    orgId = await h.createOrg('conflicts')
    admin = await h.signIn(orgId, 'admin')
    analyst = await h.signIn(orgId, 'analyst')
    for (const name of ['Harbor', 'Quill', 'Kestrel'])
      partner[name] = (await admin.post('/api/v1/partners', { name, type: 'reseller' })).json().id
    globex = (await admin.post('/api/v1/accounts', { name: 'Globex' })).json().id
    initech = (await admin.post('/api/v1/accounts', { name: 'Initech' })).json().id
    // Globex: Harbor on one open deal, Quill on another — a conflict on the account
    const platform = await deal('Globex platform', globex)
    const pilot = await deal('Globex pilot', globex)
    await touch(platform, partner.Harbor!, 'demo', '2026-03-02T00:00:00Z')
    await touch(platform, partner.Harbor!, 'proposal', '2026-03-20T00:00:00Z')
    await touch(pilot, partner.Quill!, 'referral', '2026-03-10T00:00:00Z')
    // Initech: two partners, but one of them only on a deal already won — no conflict
    const won = await deal('Initech renewal', initech, 'won')
    await touch(won, partner.Kestrel!, 'demo', '2026-03-05T00:00:00Z')
    await touch(await deal('Initech expansion', initech), partner.Harbor!, 'demo', '2026-03-06T00:00:00Z')
  })
  afterAll(async () => h?.close())

  it('lists accounts whose open deals several partners touch, with each partner’s evidence', async () => {
    const res = await analyst.get('/api/v1/channel-conflicts')
    expect(res.statusCode, res.body).toBe(200)
    const { items } = res.json()
    expect(items.map((c: { key: string }) => c.key)).toEqual([globex])
    const [conflict] = items
    expect(conflict.account).toEqual({ id: globex, name: 'Globex' })
    expect(conflict.deals.map((d: { name: string }) => d.name)).toEqual(['Globex platform', 'Globex pilot'])
    expect(conflict.partners).toEqual([
      expect.objectContaining({
        name: 'Harbor',
        deals: 1,
        touches: 2,
        activities: ['demo', 'proposal'],
        firstAt: '2026-03-02T00:00:00.000Z',
        lastAt: '2026-03-20T00:00:00.000Z',
      }),
      expect.objectContaining({ name: 'Quill', deals: 1, touches: 1, activities: ['referral'] }),
    ])
    expect(conflict).toMatchObject({ status: 'open', decision: null })
  })

  it('records the owner, audited and announced, and opens the conflict again when another partner arrives', async () => {
    const refused = await admin.post(`/api/v1/channel-conflicts/${globex}/decision`, {
      outcome: 'owner',
      ownerPartnerId: partner.Kestrel,
      note: 'Kestrel is not on it',
    })
    expect(refused.statusCode).toBe(422)
    expect(refused.json().errors[0].path).toBe('ownerPartnerId')
    const forbidden = await analyst.post(`/api/v1/channel-conflicts/${globex}/decision`, {
      outcome: 'dismissed',
      note: 'Analysts only read',
    })
    expect(forbidden.statusCode).toBe(403)

    const decided = await admin.post(`/api/v1/channel-conflicts/${globex}/decision`, {
      outcome: 'owner',
      ownerPartnerId: partner.Harbor,
      note: 'Harbor registered it first and ran the demo',
    })
    expect(decided.statusCode, decided.body).toBe(200)
    expect(decided.json()).toMatchObject({
      status: 'decided',
      decision: {
        outcome: 'owner',
        ownerPartnerId: partner.Harbor,
        note: 'Harbor registered it first and ran the demo',
      },
    })
    expect((await admin.get('/api/v1/channel-conflicts')).json().items).toEqual([])
    expect((await admin.get('/api/v1/channel-conflicts?status=decided')).json().items).toHaveLength(1)
    const events = await listEvents(h.testDb.database.db, orgId, 'channel_conflict.decided')
    expect(events.map((e) => e.payload)).toEqual([
      expect.objectContaining({ key: globex, outcome: 'owner', ownerPartnerId: partner.Harbor }),
    ])
    const audit = await h.testDb.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, orgId), eq(auditLog.action, 'channel_conflict.decided')))
    expect(audit).toHaveLength(1)

    // Kestrel now touches Globex too: the decision no longer covers who is on the account
    const pilot = (await admin.get(`/api/v1/deals?q=Globex pilot`)).json().items[0].id
    await touch(pilot, partner.Kestrel!, 'demo', '2026-04-01T00:00:00Z')
    const reopened = (await admin.get('/api/v1/channel-conflicts')).json().items
    expect(reopened).toMatchObject([{ key: globex, status: 'open', decision: null }])
    expect(reopened[0].partners).toHaveLength(3)
  })

  it('answers 404 for an account nobody contests', async () => {
    const res = await admin.post(`/api/v1/channel-conflicts/${initech}/decision`, {
      outcome: 'dismissed',
      note: 'Nothing to decide',
    })
    expect(res.statusCode).toBe(404)
  })
})
