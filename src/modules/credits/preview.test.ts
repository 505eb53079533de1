import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, createHarness, type Harness } from '../../http/test-harness'

const toScaled = (share: string) => {
  const [whole = '0', fraction = ''] = share.split('.')
  return BigInt(whole) * 10_000_000_000n + BigInt(fraction.padEnd(10, '0'))
}

type PreviewActor = {
  actor: string
  draft: { share: string; amount: { amountMinor: string } }
  current: { share: string; amount: { amountMinor: string } }
  explanation: string
}
type PreviewDeal = { dealId: string; name: string; amount: { amountMinor: string }; actors: PreviewActor[] }

describe('model preview API', () => {
  let h: Harness
  let orgId: string
  let admin: Client
  let reseller: string
  let referral: string
  let wonDeal: string
  const preview = (body: Record<string, unknown>) => admin.post('/api/v1/attribution/models/preview', body)
  const countRows = async (table: string) =>
    (
      await h.testDb.database.query<{ n: string }>(
        `select count(*)::text as n from ${table} where org_id = $1`,
        [orgId],
      )
    ).rows[0]!.n

  beforeAll(async () => {
    h = await createHarness()
    orgId = await h.createOrg('preview')
    admin = await h.signIn(orgId, 'admin')
    reseller = (await admin.post('/api/v1/partners', { name: 'Harbor Resellers', type: 'reseller' })).json()
      .id
    referral = (await admin.post('/api/v1/partners', { name: 'Quill Referrals', type: 'referral' })).json().id
    const deal = async (name: string, status: string, closedAt?: string) =>
      (
        await admin.post('/api/v1/deals', {
          name,
          amount: '10000.01',
          currency: 'EUR',
          status,
          openedAt: '2026-03-01T00:00:00Z',
          ...(closedAt ? { closedAt } : {}),
        })
      ).json().id as string
    const touch = (dealId: string, partnerId: string, activityType: string, occurredAt: string) =>
      admin.post('/api/v1/touchpoints', {
        dealId,
        actor: { kind: 'partner', partnerId },
        activityType,
        occurredAt,
      })
    wonDeal = await deal('Globex platform', 'won', '2026-05-01T00:00:00Z')
    await touch(wonDeal, referral, 'referral', '2026-03-02T00:00:00Z')
    await touch(wonDeal, reseller, 'demo', '2026-04-20T00:00:00Z')
    await touch(wonDeal, reseller, 'proposal', '2026-04-28T00:00:00Z')
    const lost = await deal('Initech renewal', 'lost', '2026-05-20T00:00:00Z')
    await touch(lost, reseller, 'demo', '2026-05-10T00:00:00Z')
    await deal('Untouched deal', 'open')
  })
  afterAll(async () => h?.close())

  it('answers recent deals with touches, won and open first, whose draft shares sum to 1 and amounts to the deal', async () => {
    const res = await preview({ key: 'linear' })
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.compared).toMatchObject({ key: 'time_decay', role: 'paying' })
    expect(body.draft.key).toBe('linear')
    expect(body.deals.map((d: PreviewDeal) => d.name)).toEqual(['Globex platform', 'Initech renewal'])
    for (const deal of body.deals as PreviewDeal[]) {
      const shares = deal.actors.map((a) => toScaled(a.draft.share))
      expect(shares.reduce((sum, s) => sum + s, 0n)).toBe(10_000_000_000n)
      const amounts = deal.actors.map((a) => BigInt(a.draft.amount.amountMinor))
      expect(amounts.reduce((sum, a) => sum + a, 0n)).toBe(BigInt(deal.amount.amountMinor))
      const current = deal.actors.map((a) => BigInt(a.current.amount.amountMinor))
      expect(current.reduce((sum, a) => sum + a, 0n)).toBe(1_000_001n)
      for (const actor of deal.actors) expect(actor.explanation.length).toBeGreaterThan(10)
    }
  })

  it('takes at most the number of deals asked for', async () => {
    const body = (await preview({ key: 'linear', limit: 1 })).json()
    expect(body.deals.map((d: PreviewDeal) => d.dealId)).toEqual([wonDeal])
  })

  it('moves credit the way new role weights say, against the paying model', async () => {
    const body = (
      await preview({ key: 'role', params: { activityWeights: { referral: 10, demo: 1, proposal: 1 } } })
    ).json()
    const deal = body.deals.find((d: PreviewDeal) => d.dealId === wonDeal) as PreviewDeal
    const quill = deal.actors.find((a) => a.actor === referral)!
    const harbor = deal.actors.find((a) => a.actor === reseller)!
    expect(quill.draft.share).toBe('0.8333333333')
    expect(toScaled(quill.draft.share)).toBeGreaterThan(toScaled(quill.current.share))
    expect(toScaled(harbor.draft.share)).toBeLessThan(toScaled(harbor.current.share))
  })

  it('compares with another model of the org on request', async () => {
    const { items } = (await admin.get('/api/v1/attribution/models')).json()
    const firstTouch = items.find((m: { key: string }) => m.key === 'first_touch')
    const body = (await preview({ key: 'linear', modelId: firstTouch.id })).json()
    expect(body.compared).toMatchObject({ id: firstTouch.id, key: 'first_touch' })
    const deal = body.deals.find((d: PreviewDeal) => d.dealId === wonDeal) as PreviewDeal
    expect(deal.actors.find((a) => a.actor === referral)!.current.share).toBe('1.0000000000')
  })

  it.each([
    ['an unknown operator', { label: 'x', when: { between: [1, 2] }, weight: 1 }, 'params.rules[0].when'],
    ['an unknown rule field', { label: 'x', when: true, weight: 1, bonus: 2 }, 'params.rules[0].bonus'],
    ['a negative weight', { label: 'x', when: true, weight: -1 }, 'params.rules[0].weight'],
    ['a share above 1', { label: 'x', when: true, maxShare: 1.5 }, 'params.rules[0].maxShare'],
  ])('refuses a rule with %s naming its field', async (_what, rule, path) => {
    const res = await preview({ key: 'custom', params: { base: 'linear', rules: [rule] } })
    expect(res.statusCode).toBe(422)
    expect(res.headers['content-type']).toContain('application/problem+json')
    expect(res.json().errors[0].path).toBe(path)
  })

  it('refuses bad options and role weights the way a save does', async () => {
    const weights = await preview({ key: 'role', params: { activityWeights: { demo: -2 } } })
    expect(weights.json().errors[0].path).toBe('params.activityWeights.demo')
    const saved = await admin.post('/api/v1/attribution/models', {
      key: 'role',
      name: 'Refused',
      params: { activityWeights: { demo: -2 } },
    })
    expect(saved.json().errors).toEqual(weights.json().errors)
  })

  it('refuses a learned model that has not learned, saying so', async () => {
    const res = await preview({ key: 'markov' })
    expect(res.statusCode).toBe(422)
    expect(res.json().errors[0]).toMatchObject({ path: 'key' })
    expect(res.json().errors[0].message).toMatch(/train/)
  })

  it('writes nothing: no version, run, credit, audit entry or event', async () => {
    const tables = [
      'attribution_model_versions',
      'attribution_runs',
      'credits',
      'audit_log',
      'events',
      'current_runs',
    ]
    const before = await Promise.all(tables.map(countRows))
    const { items } = (await admin.get('/api/v1/attribution/models')).json()
    await preview({
      key: 'custom',
      params: { base: 'linear', rules: [{ label: 'x', when: true, weight: 2 }] },
    })
    await preview({ key: 'role', modelId: items[5].id, params: { defaultWeight: 3 } })
    expect(await Promise.all(tables.map(countRows))).toEqual(before)
    expect((await admin.get('/api/v1/attribution/models')).json().items).toEqual(items)
  })

  it("answers 404 for another org's model and shows none of another org's deals", async () => {
    const otherOrg = await h.createOrg('preview-other')
    const other = await h.signIn(otherOrg, 'owner')
    const { items } = (await admin.get('/api/v1/attribution/models')).json()
    const res = await other.post('/api/v1/attribution/models/preview', {
      key: 'linear',
      modelId: items[0].id,
    })
    expect(res.statusCode).toBe(404)
    const own = await other.post('/api/v1/attribution/models/preview', { key: 'linear' })
    expect(own.json().deals).toEqual([])
  })

  it('is for staff: a partner user is refused', async () => {
    const partner = await h.signIn(orgId, 'partner_admin', { partnerId: referral })
    expect((await partner.post('/api/v1/attribution/models/preview', { key: 'linear' })).statusCode).toBe(403)
  })

  it('passes credit up partner chains under multi-tier options, and refuses a link share as a save does', async () => {
    const distributor = (await admin.post('/api/v1/partners', { name: 'Atlas', type: 'distributor' })).json()
      .id
    const child = (
      await admin.post('/api/v1/partners', { name: 'Copperline', type: 'reseller', parentId: distributor })
    ).json().id
    const dealId = (
      await admin.post('/api/v1/deals', {
        name: 'Tiered deal',
        amount: '100.00',
        currency: 'EUR',
        status: 'won',
        openedAt: '2026-05-01T00:00:00Z',
        closedAt: '2026-05-30T00:00:00Z',
      })
    ).json().id
    await admin.post('/api/v1/touchpoints', {
      dealId,
      actor: { kind: 'partner', partnerId: child },
      activityType: 'demo',
      occurredAt: '2026-05-10T00:00:00Z',
    })
    const body = (
      await preview({ key: 'linear', options: { tiers: { linkShares: { [child]: 0.25 } } } })
    ).json()
    const deal = body.deals.find((d: PreviewDeal) => d.dealId === dealId) as PreviewDeal
    const shareOf = (actor: string) => deal.actors.find((a) => a.actor === actor)?.draft.share
    expect([shareOf(child), shareOf(distributor)]).toEqual(['0.7500000000', '0.2500000000'])
    expect(deal.actors.find((a) => a.actor === distributor)!.current.share).toBe('0.0000000000')
    const refused = await preview({ key: 'linear', options: { tiers: { linkShares: { [reseller]: 0.5 } } } })
    expect(refused.statusCode).toBe(422)
    expect(refused.json().errors[0].path).toBe(`options.tiers.linkShares.${reseller}`)
  })
})
