import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLiveHarness, type LiveHarness } from '../../http/live-harness'
import type { Client, Harness } from '../../http/test-harness'
import { creditsModule } from '../credits'
import { incentivesModule } from '../incentives'
import { programsModule } from '.'
import type { LadderPreviewView } from './programs.contract'
import { recordWonDeal } from './tiers.test-support'

// A draft ladder tried on the org's partners before it is saved: counts, moves with their reasons,
// and nothing written.
describe('tier ladder preview', () => {
  let live: LiveHarness
  let h: Harness
  let admin: Client
  let orgId: string
  let ladderId: string
  const ids: Record<string, string> = {}

  const level = (key: string, name: string, minMinor?: string) => ({
    key,
    name,
    criteria: minMinor ? [{ kind: 'attributed_revenue', minMinor }] : [],
  })
  const definition = (levels: ReturnType<typeof level>[], audience: unknown = true) => ({
    mode: 'automatic',
    graceDays: 0,
    periodMonths: 12,
    currency: 'USD',
    audience,
    levels,
  })
  const preview = async (body: unknown) => {
    const res = await admin.post('/api/v1/programs/ladders/preview', body)
    expect(res.statusCode, res.body).toBe(200)
    return res.json() as LadderPreviewView
  }
  const written = async () =>
    (
      await h.testDb.database.query<{ changes: number; tiers: string }>(
        `select (select count(*)::int from tier_changes where org_id = $1) as changes,
                (select string_agg(name || '=' || coalesce(tier, '-'), ',' order by name) from partners where org_id = $1) as tiers`,
        [orgId],
      )
    ).rows[0]

  const partnerWithRevenue = async (
    name: string,
    amount: string | null,
    type = 'reseller',
    tags: string[] = [],
  ) => {
    const res = await admin.post('/api/v1/partners', { name, type, currency: 'USD', tags })
    expect(res.statusCode, res.body).toBe(201)
    const partnerId = res.json().id as string
    await live.bus.drain()
    if (amount) await recordWonDeal(live, admin, `${name} deal`, amount, partnerId)
    return partnerId
  }

  beforeAll(async () => {
    live = await createLiveHarness('ladder-preview', [creditsModule, incentivesModule, programsModule])
    ;({ h, admin, orgId } = live)
    const ladder = await admin.post('/api/v1/programs/ladders', {
      name: 'Resellers',
      definition: definition([level('bronze', 'Bronze'), level('silver', 'Silver', '100000')], {
        '!=': [{ var: 'partner.type' }, 'agency'],
      }),
    })
    expect(ladder.statusCode, ladder.body).toBe(201)
    ladderId = ladder.json().id
    await live.bus.drain()
    ids.alpha = await partnerWithRevenue('Alpha', '5000.00')
    ids.beta = await partnerWithRevenue('Beta', '500.00')
    ids.gamma = await partnerWithRevenue('Gamma', null, 'reseller', ['direct-only'])
    ids.delta = await partnerWithRevenue('Delta', '9000.00', 'agency')
  })
  afterAll(async () => live?.close())

  it('starts from the ladder in force: Alpha at Silver, Beta and Gamma at Bronze, the agency unplaced', async () => {
    expect((await written())!.tiers).toBe('Alpha=silver,Beta=bronze,Delta=-,Gamma=bronze')
  })

  it('counts who would move up under a lower threshold and a new top level, with each reason, and writes nothing', async () => {
    const before = await written()
    const result = await preview({
      ladderId,
      definition: definition(
        [level('bronze', 'Bronze'), level('silver', 'Silver', '40000'), level('gold', 'Gold', '400000')],
        { '!=': [{ var: 'partner.type' }, 'agency'] },
      ),
    })
    expect(result).toMatchObject({
      partners: 3,
      promoted: 2,
      demoted: 0,
      atRisk: 0,
      unchanged: 1,
      leaving: 0,
    })
    expect(result.summary).toBe('With these criteria, 2 partners move up.')
    expect(result.moves.map((m) => [m.partnerName, m.direction, m.from?.key, m.to?.key])).toEqual([
      ['Alpha', 'promotion', 'silver', 'gold'],
      ['Beta', 'promotion', 'bronze', 'silver'],
    ])
    expect(result.moves[0]!.explanation).toBe(
      'promoted to Gold: $5,000 attributed revenue in the last 12 months ≥ $4,000',
    )
    expect(await written()).toEqual(before)
  })

  it('counts a demotion when the threshold rises past a partner, and partners leaving a narrower audience', async () => {
    const result = await preview({
      ladderId,
      definition: definition([level('bronze', 'Bronze'), level('silver', 'Silver', '1000000')], {
        '!': { in: ['direct-only', { var: 'partner.tags' }] },
      }),
    })
    // the agency joins (the audience no longer leaves agencies out); Gamma, tagged direct-only, leaves;
    // Alpha drops to Bronze
    expect(result).toMatchObject({ partners: 3, promoted: 1, demoted: 1, leaving: 1, unchanged: 1 })
    expect(result.summary).toBe('With these criteria, 1 partner moves up, 1 down and 1 leaves the ladder.')
    const byName = new Map(result.moves.map((m) => [m.partnerName, m]))
    expect(byName.get('Delta')).toMatchObject({ direction: 'promotion', from: null, to: { key: 'bronze' } })
    expect(byName.get('Alpha')).toMatchObject({ direction: 'demotion', from: { key: 'silver' } })
    expect(byName.get('Alpha')!.explanation).toContain(
      '$5,000 attributed revenue in the last 12 months < $10,000',
    )
    expect(byName.get('Gamma')).toMatchObject({ direction: 'leaving', from: { key: 'bronze' }, to: null })
  })

  it('places on activity: touches logged in the period, counted for a level that asks for them', async () => {
    const result = await preview({
      ladderId,
      definition: {
        ...definition([level('bronze', 'Bronze')], { '!=': [{ var: 'partner.type' }, 'agency'] }),
        levels: [
          level('bronze', 'Bronze'),
          { key: 'silver', name: 'Silver', criteria: [{ kind: 'activity', min: 1 }] },
        ],
      },
    })
    // Alpha and Beta each referred one deal; Gamma logged nothing
    expect(result).toMatchObject({ partners: 3, promoted: 1, demoted: 0, unchanged: 2 })
    expect(result.moves.map((m) => [m.partnerName, m.direction, m.to?.key])).toEqual([
      ['Beta', 'promotion', 'silver'],
    ])
    expect(result.moves[0]!.explanation).toBe('promoted to Silver: 1 touch in the last 12 months ≥ 1')
  })

  it('tries a new ladder after those in force: only partners no ladder places yet', async () => {
    const result = await preview({ definition: definition([level('member', 'Member')]) })
    expect(result).toMatchObject({ partners: 1, promoted: 1, leaving: 0 })
    expect(result.moves[0]).toMatchObject({ partnerName: 'Delta', to: { key: 'member', name: 'Member' } })
  })

  it('names the field of a draft the evaluation could not run, and answers 404 for a ladder it does not know', async () => {
    const twice = await admin.post('/api/v1/programs/ladders/preview', {
      definition: definition([level('bronze', 'Bronze'), level('bronze', 'Silver', '100')]),
    })
    expect(twice.statusCode).toBe(422)
    expect(String(twice.headers['content-type'])).toContain('application/problem+json')
    expect(twice.json().errors.map((e: { path: string }) => e.path)).toEqual(['definition.levels[1].key'])
    const unknown = await admin.post('/api/v1/programs/ladders/preview', {
      ladderId: 'lad_unknown',
      definition: definition([level('bronze', 'Bronze')]),
    })
    expect(unknown.statusCode).toBe(404)
  })
})
