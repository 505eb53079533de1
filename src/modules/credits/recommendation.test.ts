import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, createHarness, type Harness } from '../../http/test-harness'

type Score = { modelId: string; name: string; role: string; rank: number; rankCorrelation: number }

// The org's own history recommends a model: a marketing partner opens every earlier deal weeks
// before close while resellers close them; later deals are the resellers' alone, in proportion to
// how much they closed before. Credit that follows the closing touch predicts that; first touch does not.
describe('model recommendation', () => {
  let h: Harness
  let admin: Client
  beforeAll(async () => {
    h = await createHarness()
    const orgId = await h.createOrg('recommend')
    admin = await h.signIn(orgId, 'admin')
  })
  afterAll(async () => h?.close())

  const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString()
  const partner = async (name: string, type: string) =>
    (await admin.post('/api/v1/partners', { name, type })).json().id as string
  const deal = async (name: string, closedDay: number, touches: [string, number][]) => {
    const id = (
      await admin.post('/api/v1/deals', {
        name,
        amount: '1000.00',
        currency: 'USD',
        status: 'won',
        openedAt: day(closedDay - 40),
        closedAt: day(closedDay),
      })
    ).json().id
    for (const [partnerId, daysBefore] of touches)
      await admin.post('/api/v1/touchpoints', {
        dealId: id,
        actor: { kind: 'partner', partnerId },
        activityType: 'referral',
        occurredAt: day(closedDay - daysBefore),
      })
  }

  it('says when there is too little history', async () => {
    const res = await admin.get('/api/v1/attribution/recommendation')
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ best: null, scores: [], splitAt: null })
    expect(res.json().explanation).toContain('No deal has been won or lost yet')
  })

  it('ranks the org’s models by how well their earlier credit predicts later revenue, in words', async () => {
    const marketing = await partner('Launch Agency', 'agency')
    const resellers = [
      [await partner('Reseller One', 'reseller'), 4],
      [await partner('Reseller Two', 'reseller'), 3],
      [await partner('Reseller Three', 'reseller'), 2],
      [await partner('Reseller Four', 'reseller'), 1],
    ] as const
    let n = 0
    for (const [reseller, count] of resellers)
      for (let i = 0; i < count; i++) {
        await deal(`Early ${n}`, 50 + n, [
          [marketing, 30],
          [reseller, 2],
        ])
        await deal(`Late ${n}`, 200 + n, [[reseller, 3]])
        n++
      }
    const res = await admin.get('/api/v1/attribution/recommendation')
    expect(res.statusCode, res.body).toBe(200)
    const view = res.json()
    expect(view.currency).toBe('USD')
    expect(view.earlierDeals + view.laterDeals).toBe(20)
    const scores = view.scores as Score[]
    expect(scores.map((s) => s.rank)).toEqual(scores.map((_, i) => i + 1))
    const rankOf = (name: string) => scores.find((s) => s.name === name)?.rank ?? 0
    expect(rankOf('Last touch')).toBeLessThan(rankOf('First touch'))
    expect(view.best.name).toBe(scores[0]?.name)
    expect(view.explanation).toContain(`Credit from ${scores[0]?.name}`)
    const paying = scores.find((s) => s.role === 'paying')!
    expect(view.explanation).toContain(
      paying.rank === 1
        ? `${paying.name}, the paying model, is the best predictor`
        : `The paying model, ${paying.name}, ranks ${['2nd', '3rd'][paying.rank - 2] ?? `${paying.rank}th`} of ${scores.length}`,
    )
    // a currency with no deals has nothing to compare
    const none = (await admin.get('/api/v1/attribution/recommendation?currency=JPY')).json()
    expect(none.best).toBeNull()
  })
})
