import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLiveHarness, type LiveHarness } from '../../../http/live-harness'
import type { Client } from '../../../http/test-harness'
import { creditsModule } from '../../credits'
import { incentivesModule } from '../../incentives'
import { programsModule } from '..'
import { recordWonDeal } from '../tiers.test-support'
import type { LeaderboardSettingsView, LeaderboardView } from './leaderboard.contract'

// The leaderboard through the API (clock 2026-06-01, deals won 2026-05-20 under a linear paying model):
// switched off until staff switch it on, only partners whose admin joined are ranked, by attributed
// revenue (not activity), equal revenue shares a rank, amounts hidden from partners unless shown, a
// partner always sees their own place, and joining is the partner admin's choice.
describe('partner leaderboard', () => {
  let live: LiveHarness
  let admin: Client
  let orgId: string
  const ids: Record<string, string> = {}
  const admins: Record<string, Client> = {}

  const answer = async <T>(
    res: Promise<{ statusCode: number; body: string; json(): unknown }>,
    status = 200,
  ) => {
    const got = await res
    expect(got.statusCode, got.body).toBe(status)
    return got.json() as T
  }
  const settings = (body: Record<string, unknown>) =>
    answer<LeaderboardSettingsView>(
      admin.put('/api/v1/programs/leaderboard/settings', {
        enabled: true,
        periodMonths: 3,
        showAmounts: false,
        size: 10,
        ...body,
      }),
    )
  const join = (key: string, joined = true) =>
    answer<LeaderboardView>(admins[key]!.put('/api/v1/programs/leaderboard/membership', { joined }))

  beforeAll(async () => {
    live = await createLiveHarness('leaderboard', [creditsModule, incentivesModule, programsModule])
    ;({ admin, orgId } = live)
    const models = (await admin.get('/api/v1/attribution/models')).json().items
    const linear = models.find((m: { key: string }) => m.key === 'linear')
    await answer(admin.patch(`/api/v1/attribution/models/${linear.id}`, { role: 'paying' }))
    await live.bus.drain()
    for (const [key, name] of [
      ['big', 'Big Revenue Co'],
      ['busy', 'Busy Touches Ltd'],
      ['twin', 'Twin Revenue Inc'],
      ['shy', 'Shy Partners'],
    ] as const) {
      const created = await answer<{ id: string }>(
        admin.post('/api/v1/partners', { name, type: 'reseller' }),
        201,
      )
      ids[key] = created.id
      admins[key] = await live.h.signIn(orgId, 'partner_admin', { partnerId: created.id })
    }
    await live.bus.drain()
    await recordWonDeal(live, admin, 'Big deal', '9000.00', ids.big!)
    // many small wins: more activity, less attributed revenue
    for (let i = 0; i < 4; i++) await recordWonDeal(live, admin, `Small deal ${i}`, '500.00', ids.busy!)
    await recordWonDeal(live, admin, 'Twin deal', '2000.00', ids.twin!)
    await recordWonDeal(live, admin, 'Shy deal', '50000.00', ids.shy!)
  })
  afterAll(() => live?.close())

  it('is off for partners until staff switch it on, and staff can look at it first', async () => {
    const closed = await admins.big!.get('/api/v1/programs/leaderboard')
    expect(closed.statusCode, closed.body).toBe(404)
    const staffView = await answer<LeaderboardView>(admin.get('/api/v1/programs/leaderboard'))
    expect(staffView.enabled).toBe(false)
    expect(staffView.entries).toEqual([])
    expect(staffView.you).toBeNull()
  })

  it('ranks only partners that joined, by attributed revenue, sharing equal ranks', async () => {
    await settings({})
    await join('big')
    await join('busy')
    await join('twin')
    const board = await answer<LeaderboardView>(admin.get('/api/v1/programs/leaderboard'))
    expect(board.members).toBe(3)
    expect(board.entries.map((e) => [e.rank, e.partnerName, e.revenue?.amount, e.deals])).toEqual([
      [1, 'Big Revenue Co', '9000.00', 1],
      [2, 'Busy Touches Ltd', '2000.00', 4],
      [2, 'Twin Revenue Inc', '2000.00', 1],
    ])
    // the partner that did not join is never on the board, however much credit it holds
    expect(board.entries.some((e) => e.partnerId === ids.shy)).toBe(false)
  })

  it('hides other partners’ amounts unless the org shows them, but never the partner’s own', async () => {
    const mine = await answer<LeaderboardView>(admins.twin!.get('/api/v1/programs/leaderboard'))
    expect(mine.entries.map((e) => e.revenue?.amount ?? null)).toEqual([null, null, '2000.00'])
    expect(mine.entries.find((e) => e.isYou)?.partnerId).toBe(ids.twin)
    expect(mine.you).toEqual({
      joined: true,
      rank: 2,
      revenue: expect.objectContaining({ amount: '2000.00', currency: 'USD' }),
      deals: 1,
    })
    await settings({ showAmounts: true, size: 2 })
    const shown = await answer<LeaderboardView>(admins.twin!.get('/api/v1/programs/leaderboard'))
    expect(shown.entries.map((e) => e.revenue?.amount)).toEqual(['9000.00', '2000.00'])
    // the board shows two places; the partner's own place is still answered
    expect(shown.entries.some((e) => e.isYou)).toBe(false)
    expect(shown.you?.rank).toBe(2)
  })

  it('shows a partner that has not joined its own figures but no rank, and leaving takes it off', async () => {
    const shy = await answer<LeaderboardView>(admins.shy!.get('/api/v1/programs/leaderboard'))
    expect(shy.you).toEqual(
      expect.objectContaining({
        joined: false,
        rank: null,
        revenue: expect.objectContaining({ amount: '50000.00' }),
      }),
    )
    const joined = await join('shy')
    expect(joined.entries[0]).toEqual(expect.objectContaining({ rank: 1, partnerId: ids.shy, isYou: true }))
    const left = await join('shy', false)
    expect(left.you?.rank).toBeNull()
    expect(left.entries.some((e) => e.partnerId === ids.shy)).toBe(false)
    const audit = await live.h.testDb.database.query<{ action: string }>(
      `select action from audit_log where org_id = $1 and entity_id = $2 order by seq`,
      [orgId, ids.shy],
    )
    expect(audit.rows.map((r) => r.action).filter((a) => a.startsWith('leaderboard.'))).toEqual([
      'leaderboard.joined',
      'leaderboard.left',
    ])
  })

  it('lets only a partner admin join, and only staff change the settings', async () => {
    const member = await live.h.signIn(orgId, 'partner_member', { partnerId: ids.big! })
    const refused = await member.put('/api/v1/programs/leaderboard/membership', { joined: false })
    expect(refused.statusCode, refused.body).toBe(403)
    const staffJoin = await admin.put('/api/v1/programs/leaderboard/membership', { joined: true })
    expect(staffJoin.statusCode, staffJoin.body).toBe(403)
    const partnerSettings = await admins.big!.put('/api/v1/programs/leaderboard/settings', {
      enabled: false,
      periodMonths: 3,
      showAmounts: false,
      size: 10,
    })
    expect(partnerSettings.statusCode, partnerSettings.body).toBe(403)
    const bad = await admin.put('/api/v1/programs/leaderboard/settings', {
      enabled: true,
      periodMonths: 0,
      showAmounts: false,
      size: 10,
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().errors[0].path).toBe('periodMonths')
  })

  it('counts only deals won inside the rolling period', async () => {
    // a deal Busy won on 2026-04-10: inside three months before 2026-06-01, outside one
    const deal = await answer<{ id: string }>(
      admin.post('/api/v1/deals', {
        name: 'April deal',
        amount: '10000.00',
        currency: 'USD',
        status: 'won',
        openedAt: '2026-03-01T12:00:00Z',
        closedAt: '2026-04-10T12:00:00Z',
      }),
      201,
    )
    await live.bus.drain()
    await answer(
      admin.post('/api/v1/touchpoints', {
        dealId: deal.id,
        actor: { kind: 'partner', partnerId: ids.busy },
        activityType: 'referral',
        occurredAt: '2026-03-15T00:00:00Z',
      }),
      201,
    )
    await live.bus.drain()
    await settings({ periodMonths: 3, showAmounts: true })
    const quarter = await answer<LeaderboardView>(admin.get('/api/v1/programs/leaderboard'))
    expect(quarter.entries[0]).toEqual(
      expect.objectContaining({
        partnerId: ids.busy,
        deals: 5,
        revenue: expect.objectContaining({ amount: '12000.00' }),
      }),
    )
    await settings({ periodMonths: 1, showAmounts: true })
    const month = await answer<LeaderboardView>(admin.get('/api/v1/programs/leaderboard'))
    expect(month.from).toBe('2026-05-01T09:00:00.000Z')
    expect(month.entries[0]?.partnerId).toBe(ids.big)
    expect(month.entries.find((e) => e.partnerId === ids.busy)?.revenue?.amount).toBe('2000.00')
  })
})
