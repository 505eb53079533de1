// A full re-attribution of a large org as the worker runs it: the generated org (500 partners, 100k
// deals, 1M touches) under the six starter models, every deal re-attributed and every run and credit
// written, on the embedded database and on PostgreSQL. The org is loaded here; the recompute runs in
// its own process (`reattribute-run.ts`), so its peak memory is the recompute's alone.
// Size: BENCH_REATTRIBUTE_DEALS (default 100000; touches are ten a deal).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Database, migrateDatabase, type OpenOptions, openDatabase } from '../src/db/client'
import { ensureModels } from '../src/modules/credits'
import {
  type AccountRow,
  bulkLoadFacts,
  type DealRow,
  journeyIds,
  type TouchpointRow,
} from '../src/modules/journeys'
import { systemClock } from '../src/platform/clock'
import { systemScope } from '../src/platform/scope'
import { accountCount, createGeneratedOrg, generateOrg, touchesPerDeal } from './generated-org'

const runner = fileURLToPath(new URL('./reattribute-run.ts', import.meta.url))
const targetSeconds = 60
// deals (with their touches) a bulk load at a time, so loading holds one slice in memory
const loadSlice = 10_000

/** Migrates, creates the org and its partners, loads its facts and its six models; the org id. */
export async function loadOrg(database: Database, dealCount: number): Promise<string> {
  await migrateDatabase(database)
  const clock = systemClock
  const { db } = database
  const { orgId, partnerIds } = await createGeneratedOrg(db, clock)
  const scope = systemScope(orgId)
  const now = clock.now()
  const options = { reason: 'benchmark', clock }
  const accounts: AccountRow[] = Array.from({ length: accountCount }, (_, i) => ({
    orgId,
    id: journeyIds.account(),
    name: `Account ${i}`,
    country: 'US',
    source: 'gen',
    externalId: `A${i}`,
    createdAt: now,
    updatedAt: now,
  }))
  await bulkLoadFacts(db, scope, { accounts }, options)
  const org = generateOrg(dealCount)
  const dealIds: string[] = []
  let deals: DealRow[] = []
  for (const d of org.deals()) {
    const id = journeyIds.deal()
    dealIds.push(id)
    deals.push({
      orgId,
      id,
      name: `Deal ${d.index}`,
      accountId: accounts[d.account]!.id,
      amountMinor: BigInt(d.amount) * 100n,
      currency: 'USD',
      stage: d.status === 'open' ? 'open' : d.status === 'won' ? 'closed_won' : 'closed_lost',
      status: d.status,
      type: 'new',
      openedAt: d.openedAt,
      closedAt: d.closedAt,
      source: 'gen',
      externalId: `D${d.index}`,
      createdAt: now,
      updatedAt: now,
    })
    if (deals.length === loadSlice) {
      await bulkLoadFacts(db, scope, { deals }, options)
      deals = []
    }
  }
  await bulkLoadFacts(db, scope, { deals }, options)
  let touchpoints: TouchpointRow[] = []
  for (const t of org.touches()) {
    touchpoints.push({
      orgId,
      id: journeyIds.touchpoint(),
      dealId: dealIds[t.deal]!,
      actorKind: t.partner === null ? 'direct' : 'partner',
      partnerId: t.partner === null ? null : partnerIds[t.partner]!,
      seller: t.seller,
      activityType: t.activity,
      occurredAt: t.occurredAt,
      source: 'gen',
      externalId: `T${t.index}`,
      createdAt: now,
      updatedAt: now,
    })
    if (touchpoints.length === loadSlice * touchesPerDeal) {
      await bulkLoadFacts(db, scope, { touchpoints }, options)
      touchpoints = []
    }
  }
  await bulkLoadFacts(db, scope, { touchpoints }, options)
  await db.transaction((tx) => ensureModels(tx, orgId, clock))
  return orgId
}

/** Loads the org, then times the recompute in its own process. */
async function measure(open: OpenOptions, database: string, dealCount: number) {
  const started = performance.now()
  const handle = await openDatabase(open)
  let orgId: string
  try {
    orgId = await loadOrg(handle, dealCount)
  } finally {
    await handle.close()
  }
  const loadSeconds = Math.round((performance.now() - started) / 100) / 10
  const result = spawnSync('node', ['--import', 'tsx', runner, JSON.stringify({ ...open, orgId })], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  })
  if (result.status !== 0) throw new Error(`recompute failed: ${result.stderr.slice(-1500)}`)
  const figures = JSON.parse(result.stdout) as { seconds: number }
  return {
    run: `re-attribute ${dealCount} deals, ${dealCount * touchesPerDeal} touches, 6 models, ${database}`,
    ...figures,
    targetSeconds,
    isWithinTarget: figures.seconds <= targetSeconds,
    loadSeconds,
  }
}

export async function runReattributeBench() {
  const dealCount = Number(process.env.BENCH_REATTRIBUTE_DEALS ?? 100_000)
  const figures: Record<string, unknown>[] = []
  const dataDir = mkdtempSync(join(tmpdir(), 'credence-reattribute-bench-'))
  try {
    figures.push(await measure({ dataDir }, 'embedded', dealCount))
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
  const base = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  const admin = await openDatabase({ url: base, poolSize: 1 }).catch(() => null)
  if (!admin) return [...figures, { run: 'PostgreSQL', skipped: `no server at ${new URL(base).host}` }]
  const name = `credence_reattribute_bench_${process.pid}`
  const url = new URL(base)
  url.pathname = `/${name}`
  try {
    await admin.exec(`create database ${name}`)
    figures.push(await measure({ url: url.toString() }, 'PostgreSQL', dealCount))
  } finally {
    await admin.exec(`drop database if exists ${name} with (force)`)
    await admin.close()
  }
  return figures
}
