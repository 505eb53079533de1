import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Journey } from '../../attribution'
import { type Client, createHarness, type Harness } from '../../http/test-harness'
import { canonicalJson } from '../../platform/canonical-json'
import { sha256Hex } from '../../platform/hash'
import { attributeDeals } from './attribute.service'
import { createRunInputs } from './input-hash'
import { queueRecompute, runRecompute } from './recompute.service'
import { pointHeads, type RunToStore, storedRunKey, storeRuns } from './run-store.service'

// An org-wide recompute writes exactly what attributing each deal on its own writes: the same runs
// (input hashes), credits (shares, amounts, explanations) and heads, across partner chains, renewals,
// deals without touches, several currencies, and models with tiers and recurring options.
describe('org-wide recompute', () => {
  let h: Harness
  let admin: Client
  let orgId: string
  const dealIds: string[] = []
  beforeAll(async () => {
    h = await createHarness()
    orgId = await h.createOrg('recompute')
    admin = await h.signIn(orgId, 'admin')
    const partner = async (name: string, type: string, parentId?: string) =>
      (await admin.post('/api/v1/partners', { name, type, ...(parentId ? { parentId } : {}) })).json()
        .id as string
    const master = await partner('Master Distribution', 'distributor')
    const regional = await partner('Regional Distribution', 'distributor', master)
    const reseller = await partner('Corner Reseller', 'reseller', regional)
    const agency = await partner('Lone Agency', 'agency')
    const deal = async (body: Record<string, unknown>) => {
      const id = (
        await admin.post('/api/v1/deals', {
          amount: '1000.00',
          currency: 'USD',
          status: 'won',
          openedAt: '2026-01-01T00:00:00Z',
          closedAt: '2026-03-01T00:00:00Z',
          ...body,
        })
      ).json().id as string
      dealIds.push(id)
      return id
    }
    const touch = (dealId: string, actor: unknown, occurredAt: string, activityType = 'demo') =>
      admin.post('/api/v1/touchpoints', { dealId, actor, activityType, occurredAt })
    const via = (partnerId: string) => ({ kind: 'partner', partnerId })
    const direct = { kind: 'direct', seller: 'ae@vendor.test' }

    const first = await deal({ name: 'First year', amount: '1200.00' })
    await touch(first, via(reseller), '2026-01-10T00:00:00Z', 'referral')
    await touch(first, via(agency), '2026-01-20T00:00:00Z')
    await touch(first, direct, '2026-02-01T00:00:00Z')
    const renewal = await deal({
      name: 'Second year',
      type: 'renewal',
      parentDealId: first,
      amount: '1300.00',
      openedAt: '2027-01-01T00:00:00Z',
      closedAt: '2027-03-01T00:00:00Z',
    })
    await touch(renewal, via(agency), '2027-02-01T00:00:00Z')
    const third = await deal({
      name: 'Third year',
      type: 'renewal',
      parentDealId: renewal,
      openedAt: '2028-01-01T00:00:00Z',
      closedAt: '2028-03-01T00:00:00Z',
    })
    await touch(third, via(regional), '2028-02-01T00:00:00Z')
    await deal({ name: 'No touches yet', status: 'open', closedAt: undefined })
    const euro = await deal({ name: 'In euros', currency: 'EUR', amount: '333.33', status: 'lost' })
    await touch(euro, via(master), '2026-01-05T00:00:00Z')
    await touch(euro, via(reseller), '2026-01-06T00:00:00Z')
    const yen = await deal({
      name: 'In yen',
      currency: 'JPY',
      amount: '70001',
      status: 'open',
      closedAt: undefined,
    })
    await touch(yen, direct, '2026-01-07T00:00:00Z')
    await touch(yen, via(agency), '2026-01-08T00:00:00Z', 'co_sell_meeting')

    for (const model of [
      {
        key: 'equal',
        name: 'Tiered',
        options: { tiers: { defaultShare: 0.2, linkShares: { [reseller]: 0.3 } } },
      },
      {
        key: 'first_touch',
        name: 'Inherited',
        options: { recurring: { mode: 'inherit', decayPerRenewal: 0.25 } },
      },
      {
        key: 'linear',
        name: 'Both',
        options: { tiers: { defaultShare: 0.1 }, recurring: { mode: 'inherit', decayPerRenewal: 0.5 } },
      },
    ])
      expect((await admin.post('/api/v1/attribution/models', { ...model, role: 'shadow' })).statusCode).toBe(
        201,
      )
  })
  afterAll(async () => h?.close())

  const db = () => h.testDb.database.db
  const query = <Row>(text: string) => h.testDb.database.query<Row>(text, [orgId]).then((r) => r.rows)
  /** The org's runs, credits and heads without their generated ids and times. */
  const snapshot = async () => ({
    runs: await query(
      `select deal_id, model_id, model_version, input_hash, input_id, currency, amount_minor::text, outcome,
         opened_at, deal_at, notes from attribution_runs where org_id = $1 order by deal_id, model_id, input_hash`,
    ),
    credits: await query(
      `select r.deal_id, r.model_id, r.input_hash, c.actor, c.actor_kind, c.share, c.amount_minor::text, c.position
       from credits c join attribution_runs r on r.org_id = c.org_id and r.id = c.run_id
       where c.org_id = $1 order by 1, 2, 3, 4`,
    ),
    inputs: await query(
      `select id, deal_id, facts::text from attribution_inputs where org_id = $1 order by id`,
    ),
    heads: await query(
      `select h.deal_id, h.model_id, r.input_hash from current_runs h
       join attribution_runs r on r.org_id = h.org_id and r.id = h.run_id
       where h.org_id = $1 order by 1, 2`,
    ),
  })
  const clear = () =>
    h.testDb.database.query(
      `with a as (delete from attribution_inputs where org_id = $1), b as (delete from current_runs where org_id = $1)
       delete from attribution_runs where org_id = $1`,
      [orgId],
    )
  const recompute = async () => {
    const jobId = await db().transaction((tx) => queueRecompute(tx, orgId, 'test', h.clock))
    return runRecompute(db(), orgId, jobId, h.clock)
  }

  it('stores the same runs, credits and heads as attributing each deal on its own', async () => {
    for (const dealId of dealIds) await db().transaction((tx) => attributeDeals(tx, orgId, [dealId], h.clock))
    const oneByOne = await snapshot()
    // nine models (six starters, three with options) over six deals
    expect(oneByOne.runs).toHaveLength(9 * dealIds.length)
    expect(oneByOne.heads).toHaveLength(9 * dealIds.length)
    expect(oneByOne.credits.some((c) => (c as { actor_kind: string }).actor_kind === 'distributor')).toBe(
      true,
    )
    await clear()

    const job = await recompute()
    expect(job).toMatchObject({ status: 'done', total: dealIds.length, done: dealIds.length, percent: 100 })
    expect(await snapshot()).toEqual(oneByOne)
  })

  it('writes nothing when run again over the same facts', async () => {
    await recompute()
    const before = await query<{ runs: number; credits: number; updated: Date }>(
      `select (select count(*)::int from attribution_runs where org_id = $1) as runs,
              (select count(*)::int from credits where org_id = $1) as credits,
              (select max(updated_at) from current_runs where org_id = $1) as updated`,
    )
    h.clock.advance(60_000)
    await recompute()
    const after = await query<{ runs: number; credits: number; updated: Date }>(
      `select (select count(*)::int from attribution_runs where org_id = $1) as runs,
              (select count(*)::int from credits where org_id = $1) as credits,
              (select max(updated_at) from current_runs where org_id = $1) as updated`,
    )
    expect(after).toEqual(before)
  })

  it('answers every recompute the org has queued with one pass, and the later deliveries find nothing to do', async () => {
    const [first, second, third] = await db().transaction(async (tx) => [
      await queueRecompute(tx, orgId, 'one', h.clock),
      await queueRecompute(tx, orgId, 'two', h.clock),
      await queueRecompute(tx, orgId, 'three', h.clock),
    ])
    expect(await runRecompute(db(), orgId, second!, h.clock)).toMatchObject({ status: 'done', percent: 100 })
    expect(await runRecompute(db(), orgId, first!, h.clock)).toBeNull()
    expect(await runRecompute(db(), orgId, third!, h.clock)).toBeNull()
    const jobs = await h.testDb.database
      .query<{ status: string; done: number }>(
        `select status, done from recompute_jobs where org_id = $1 and id = any($2)`,
        [orgId, [first, second, third]],
      )
      .then((result) => result.rows)
    expect(jobs.map((job) => [job.status, job.done])).toEqual([
      ['done', dealIds.length],
      ['done', dealIds.length],
      ['done', dealIds.length],
    ])
  })

  it('keeps one run per input hash and heads on stored runs when a live attribution races it', async () => {
    await clear()
    const jobId = await db().transaction((tx) => queueRecompute(tx, orgId, 'test', h.clock))
    await Promise.all([
      runRecompute(db(), orgId, jobId, h.clock),
      ...dealIds.map((dealId) => db().transaction((tx) => attributeDeals(tx, orgId, [dealId], h.clock))),
    ])
    const [counts] = await query<{ runs: number; keys: number; stray: number; heads: number; lost: number }>(
      `select (select count(*)::int from attribution_runs where org_id = $1) as runs,
              (select count(distinct (deal_id, model_id, model_version, input_hash))::int
                 from attribution_runs where org_id = $1) as keys,
              (select count(*)::int from attribution_runs r where r.org_id = $1 and not exists
                 (select 1 from attribution_inputs i where i.org_id = r.org_id and i.id = r.input_id)) as stray,
              (select count(*)::int from current_runs where org_id = $1) as heads,
              (select count(*)::int from current_runs h where h.org_id = $1 and not exists
                 (select 1 from attribution_runs r where r.org_id = h.org_id and r.id = h.run_id)) as lost`,
    )
    expect(counts).toEqual({
      runs: 9 * dealIds.length,
      keys: 9 * dealIds.length,
      stray: 0,
      heads: 9 * dealIds.length,
      lost: 0,
    })
  })

  it('keeps the run stored first and points the head at it when the same run is stored again', async () => {
    await clear()
    const run = (id: string, share: string): RunToStore => ({
      id,
      dealId: dealIds[0]!,
      modelId: 'mdl_same',
      modelVersion: 1,
      inputHash: 'same-facts',
      inputId: 'facts',
      currency: 'USD',
      amountMinor: 100n,
      outcome: 'won',
      openedAt: new Date('2026-01-01T00:00:00Z'),
      dealAt: new Date('2026-02-01T00:00:00Z'),
      notes: [],
      credits: [
        { actor: 'direct', actorKind: 'direct', share, amountMinor: 60n },
        // any text comes back as it went in
        { actor: 'NULL', actorKind: 'a "quoted", {braced} \\ kind', share: '0', amountMinor: 40n },
      ],
    })
    const now = h.clock.now()
    const key = storedRunKey(dealIds[0]!, 'mdl_same', 'same-facts')
    expect((await storeRuns(db(), orgId, [run('run_first', '1.0000000000')], now)).get(key)).toBe('run_first')
    expect((await storeRuns(db(), orgId, [run('run_second', '0.5000000000')], now)).get(key)).toBe(
      'run_first',
    )
    const moved = await pointHeads(
      db(),
      orgId,
      [{ dealId: dealIds[0]!, modelId: 'mdl_same', runId: 'run_first' }],
      now,
    )
    expect(moved).toEqual([
      { dealId: dealIds[0], modelId: 'mdl_same', runId: 'run_first', previousRunId: null },
    ])
    expect(
      await query(
        `select run_id, actor, actor_kind, share, amount_minor::int, position::int from credits
         where org_id = $1 order by position`,
      ),
    ).toEqual([
      {
        run_id: 'run_first',
        actor: 'direct',
        actor_kind: 'direct',
        share: '1.0000000000',
        amount_minor: 60,
        position: 1,
      },
      {
        run_id: 'run_first',
        actor: 'NULL',
        actor_kind: 'a "quoted", {braced} \\ kind',
        share: '0',
        amount_minor: 40,
        position: 2,
      },
    ])
    expect(
      await pointHeads(db(), orgId, [{ dealId: dealIds[0]!, modelId: 'mdl_same', runId: 'run_first' }], now),
    ).toEqual([])
  })

  it('marks the recompute failed, with the reason, when a page cannot be written', async () => {
    await clear()
    const { query: run } = h.testDb.database
    await run(`create function refuse_heads() returns trigger language plpgsql as $$
               begin raise exception 'heads are refused here'; end $$`)
    await run(
      `create trigger refuse_heads before insert on current_runs for each row execute function refuse_heads()`,
    )
    try {
      const jobId = await db().transaction((tx) => queueRecompute(tx, orgId, 'test', h.clock))
      await expect(runRecompute(db(), orgId, jobId, h.clock)).rejects.toThrow()
      const [job] = await query<{ status: string; error: string; runs: number }>(
        `select status, error, (select count(*)::int from attribution_runs where org_id = $1) as runs
         from recompute_jobs where org_id = $1 and id = '${jobId}'`,
      )
      expect(job).toMatchObject({ status: 'failed', runs: 0 })
      // the database's reason, not the statement that met it
      expect(job!.error).toBe('heads are refused here')
    } finally {
      await run('drop trigger refuse_heads on current_runs')
      await run('drop function refuse_heads')
    }
  })
})

describe('input hash', () => {
  const journey = (id: string, parentId?: string): Journey => ({
    id,
    amountMinor: 12_345n,
    currency: 'EUR',
    outcome: 'won',
    createdAt: Date.UTC(2026, 0, 1),
    closedAt: Date.UTC(2026, 2, 1),
    kind: parentId ? 'renewal' : 'new',
    ...(parentId ? { parentId } : {}),
    touches: [
      {
        id: 'tch_1',
        actor: 'prt_reseller',
        actorKind: 'reseller',
        activity: 'demo',
        at: Date.UTC(2026, 0, 5),
        parentActor: 'prt_dist',
      },
      { id: 'tch_2', actor: 'direct', actorKind: 'direct', activity: 'call', at: Date.UTC(2026, 0, 6) },
    ],
    fields: { stage: 'closed_won', owner: null, type: parentId ? 'renewal' : 'new' },
  })
  const parent = journey('deal_parent')
  const child = journey('deal_child', 'deal_parent')
  const context = {
    activityLabels: { demo: 'Demo' },
    partners: new Map([
      ['prt_reseller', { type: 'reseller', parentId: 'prt_dist' }],
      ['prt_dist', { type: 'distributor', parentId: null }],
    ]),
    journeys: new Map([
      [parent.id, parent],
      [child.id, child],
    ]),
  }
  const expected = (value: Record<string, unknown>) => sha256Hex(canonicalJson(value))

  it.each([
    ['no options', {}, { journey: child, model: 'mdl_a', version: 3 }],
    [
      'tiers',
      { tiers: {} },
      { journey: child, model: 'mdl_a', version: 3, chains: [['prt_reseller', 'prt_dist']] },
    ],
    [
      'recurring',
      { recurring: { mode: 'inherit' } },
      { journey: child, model: 'mdl_a', version: 3, ancestors: [parent] },
    ],
    [
      'tiers and recurring',
      { tiers: {}, recurring: { mode: 'inherit' } },
      {
        journey: child,
        model: 'mdl_a',
        version: 3,
        chains: [['prt_reseller', 'prt_dist']],
        ancestors: [parent],
      },
    ],
  ] as const)(
    'is the sha256 of the canonical JSON of the journey, model, version and context (%s)',
    (_, options, value) => {
      const { hash: hashOf } = createRunInputs(context)
      // twice: the second reads the journey's text made by the first
      expect(hashOf(child, { id: 'mdl_a', version: 3, options })).toBe(expected(value))
      expect(hashOf(child, { id: 'mdl_a', version: 3, options })).toBe(expected(value))
    },
  )
})
