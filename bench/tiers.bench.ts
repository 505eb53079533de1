// Tier evaluation at scale, on the embedded database and on PostgreSQL: 5,000 partners credited on
// 200,000 won deals under the paying model (1M credits, five partners a deal, spread over the last
// twelve months), a Bronze/Silver/Gold ladder on attributed revenue and deals, and the org-wide
// evaluation the worker runs (target 10 s), then the same again with nothing changed. The org is
// written here straight into the tables the evaluation reads; the timed work runs in a process of
// its own (`tiers-run.ts`). Size: BENCH_TIER_PARTNERS (default 5000), BENCH_TIER_DEALS (200000).
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { type Database, migrateDatabase, type OpenOptions, openDatabase } from '../src/db/client'
import { ensureModels } from '../src/modules/credits'
import { createOrg } from '../src/modules/identity'
import { createLadder } from '../src/modules/programs'
import { systemClock } from '../src/platform/clock'
import { systemScope } from '../src/platform/scope'
import { onEachDatabase } from './databases'

const runner = fileURLToPath(new URL('./tiers-run.ts', import.meta.url))
const targetSeconds = 10
const actorsPerDeal = 5

async function creditedOrg(database: Database, partners: number, deals: number): Promise<string> {
  await migrateDatabase(database)
  const clock = systemClock
  const { db } = database
  const org = await createOrg(db, { name: 'Tier bench', slug: 'tier-bench' }, clock)
  await ensureModels(db, org.id, clock)
  await database.query(
    `update attribution_models set role = case when key = 'time_decay' then 'paying' else 'off' end where org_id = $1`,
    [org.id],
  )
  await database.query(
    `insert into partners (org_id, id, name, type, status, currency, tags, created_at, updated_at)
     select $1, 'prt_bench_' || i, 'Partner ' || i, 'reseller', 'active', 'USD',
            case when i % 3 = 0 then '{certified}'::text[] else '{}'::text[] end, now(), now()
       from generate_series(0, $2 - 1) as i`,
    [org.id, partners],
  )
  const [model] = (
    await database.query<{ id: string }>(
      `select id from attribution_models where org_id = $1 and role = 'paying'`,
      [org.id],
    )
  ).rows
  // each deal credits five partners a fifth each; amounts and close days vary with the deal
  for (let from = 0; from < deals; from += 50_000) {
    const to = Math.min(deals, from + 50_000) - 1
    await database.query(
      `insert into attribution_runs (org_id, id, deal_id, model_id, model_version, input_hash, currency,
         amount_minor, outcome, opened_at, deal_at, notes, actors, actor_kinds, shares, amounts, created_at)
       select $1, 'run_bench_' || i, 'deal_bench_' || i, $2, 1, 'hash' || i, 'USD',
              (100000 + (i % 997) * 1000)::bigint, 'won', now() - interval '400 days',
              now() - ((i % 360) || ' days')::interval, '{}'::jsonb,
              array(select 'prt_bench_' || ((i * 7 + k * 1013) % $5) from generate_series(0, $6 - 1) as k),
              array_fill('partner'::text, array[$6::int]), array_fill('0.2'::text, array[$6::int]),
              array_fill(((100000 + (i % 997) * 1000) / $6)::bigint, array[$6::int]), now()
         from generate_series($3::int, $4::int) as i`,
      [org.id, model!.id, from, to, partners, actorsPerDeal],
    )
  }
  await database.query(
    `insert into current_runs (org_id, deal_id, model_id, run_id, updated_at)
     select org_id, deal_id, model_id, id, now() from attribution_runs where org_id = $1`,
    [org.id],
  )
  await database.query('analyze partners, attribution_runs, current_runs')
  await createLadder(
    db,
    systemScope(org.id),
    {
      name: 'Partner tiers',
      definition: {
        currency: 'USD',
        periodMonths: 12,
        graceDays: 30,
        mode: 'automatic',
        audience: true,
        levels: [
          { key: 'bronze', name: 'Bronze', criteria: [] },
          { key: 'silver', name: 'Silver', criteria: [{ kind: 'attributed_revenue', minMinor: '3500000' }] },
          {
            key: 'gold',
            name: 'Gold',
            criteria: [
              { kind: 'attributed_revenue', minMinor: '4000000' },
              { kind: 'attributed_deals', min: 200 },
              {
                kind: 'partner',
                label: 'certified partner',
                when: { in: ['certified', { var: 'partner.tags' }] },
              },
            ],
          },
        ],
      },
    },
    clock,
  )
  return org.id
}

async function measure(open: OpenOptions, label: string, partners: number, deals: number) {
  const started = performance.now()
  const handle = await openDatabase(open)
  let orgId: string
  try {
    orgId = await creditedOrg(handle, partners, deals)
  } finally {
    await handle.close()
  }
  const loadSeconds = Math.round((performance.now() - started) / 100) / 10
  const result = spawnSync('node', ['--import', 'tsx', runner, JSON.stringify({ ...open, orgId })], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  })
  if (result.status !== 0) throw new Error(`tier run failed: ${result.stderr.slice(-1500)}`)
  const figures = JSON.parse(result.stdout) as { seconds: number }
  return {
    run: `tier evaluation of ${partners} partners over ${deals * actorsPerDeal} credits, ${label}`,
    ...figures,
    targetSeconds,
    isWithinTarget: figures.seconds <= targetSeconds,
    loadSeconds,
  }
}

export async function runTiersBench() {
  const partners = Number(process.env.BENCH_TIER_PARTNERS ?? 5000)
  const deals = Number(process.env.BENCH_TIER_DEALS ?? 200_000)
  return onEachDatabase('tiers', (open, label) => measure(open, label, partners, deals))
}
