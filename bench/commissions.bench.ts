// Commissions at scale, on the embedded database and on PostgreSQL: the generated org (500 partners,
// 100k deals, 1M touches) credited under its paying model, a tiered commission plan, and the
// org-wide sync that posts every partner's lines (target 30 s); then a payout batch for 5,000
// partners, each with approved lines, a tax form and bank details, from creation to paid (target
// 10 s). The org is loaded and credited here; the timed work runs in its own process
// (`commissions-run.ts`). Size: BENCH_COMMISSION_DEALS (default 100000), BENCH_PAYOUT_PARTNERS (5000).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Database, type OpenOptions, openDatabase } from '../src/db/client'
import { queueRecompute, runRecompute } from '../src/modules/credits'
import { createOrg } from '../src/modules/identity'
import { createPlan } from '../src/modules/incentives'
import { systemClock } from '../src/platform/clock'
import { defineIds } from '../src/platform/ids'
import { systemScope } from '../src/platform/scope'
import { loadOrg } from './reattribute.bench'

const runner = fileURLToPath(new URL('./commissions-run.ts', import.meta.url))
const syncTargetSeconds = 30
const batchTargetSeconds = 10
const linesPerPayoutPartner = 4
const ids = defineIds({ partner: 'prt', taxForm: 'txf', deal: 'deal', entry: 'cme' })

/** The generated org, credited under one paying model (the shadows switched off), with a plan. */
async function creditedOrg(
  database: Database,
  dealCount: number,
): Promise<{ orgId: string; recomputeSeconds: number }> {
  const orgId = await loadOrg(database, dealCount)
  const clock = systemClock
  // time decay pays; the other starter models stay off so the recompute writes only what pays
  await database.query(
    `update attribution_models set role = case when key = 'time_decay' then 'paying' else 'off' end where org_id = $1`,
    [orgId],
  )
  const started = performance.now()
  const jobId = await queueRecompute(database.db, orgId, 'benchmark', clock)
  await runRecompute(database.db, orgId, jobId, clock)
  const recomputeSeconds = Math.round((performance.now() - started) / 100) / 10
  await createPlan(
    database.db,
    systemScope(orgId),
    {
      name: 'Resellers',
      kind: 'commission',
      currency: 'USD',
      effectiveFrom: '2020-01-01',
      terms: {
        audience: true,
        matchPolicy: 'highest',
        holdDays: 30,
        recurring: null,
        clawback: null,
        window: null,
        tiers: {
          period: 'quarter',
          mode: 'marginal',
          brackets: [
            { fromMinor: '0', rate: '0.08' },
            { fromMinor: '5000000', rate: '0.12' },
          ],
        },
        rules: [
          { id: 'tiered', label: 'Tiered by quarter', when: true, tiered: true },
          { id: 'large', label: 'Large deals', when: { '>=': [{ var: 'deal.amount' }, 40000] }, rate: '0.1' },
        ],
      },
    },
    clock,
  )
  return { orgId, recomputeSeconds }
}

/** An org of `partners` partners, each with approved lines, an approved tax form and bank details. */
export async function payoutOrg(database: Database, partners: number): Promise<string> {
  const clock = systemClock
  const orgId = (
    await createOrg(database.db, { name: 'Payout bench', slug: `payout-bench-${process.pid}` }, clock)
  ).id
  const now = new Date()
  const partnerIds = Array.from({ length: partners }, () => ids.partner())
  const values = (rows: unknown[][]) =>
    rows
      .map(
        (r) => `(${r.map((v) => (v === null ? 'null' : `'${String(v).replaceAll("'", "''")}'`)).join(',')})`,
      )
      .join(',')
  for (let i = 0; i < partners; i += 1000) {
    const slice = partnerIds.slice(i, i + 1000)
    await database.exec(
      `insert into partners (org_id, id, name, type, status, currency, created_at, updated_at) values ${values(
        slice.map((id, k) => [
          orgId,
          id,
          `Partner ${i + k}`,
          'reseller',
          'active',
          'USD',
          now.toISOString(),
          now.toISOString(),
        ]),
      )}`,
    )
    await database.exec(
      `insert into payout_accounts (org_id, partner_id, rail, payee_name, iban, bic, updated_at) values ${values(
        slice.map((id, k) => [
          orgId,
          id,
          'bank_file',
          `Partner ${i + k} BV`,
          'NL91ABNA0417164300',
          'ABNANL2A',
          now.toISOString(),
        ]),
      )}`,
    )
    await database.exec(
      `insert into tax_forms (org_id, id, partner_id, kind, status, legal_name, tax_classification, country,
         address_line1, city, signer_name, is_signature_attested, signed_at, submitted_by, created_at, updated_at)
       values ${values(
         slice.map((id, k) => [
           orgId,
           ids.taxForm(),
           id,
           'w9',
           'approved',
           `Partner ${i + k} LLC`,
           'llc_c',
           'US',
           '1 Main St',
           'Portland',
           'Signer',
           'true',
           now.toISOString(),
           'system:bench',
           now.toISOString(),
           now.toISOString(),
         ]),
       )}`,
    )
    await database.exec(
      `insert into commission_entries (org_id, id, partner_id, deal_id, plan_id, line_key, seq, kind, amount_minor,
         currency, line_date, hold_until, reason, created_at)
       values ${values(
         slice.flatMap((id) =>
           Array.from({ length: linesPerPayoutPartner }, (_, n) => {
             const deal = ids.deal()
             return [
               orgId,
               ids.entry(),
               id,
               deal,
               'pln_bench',
               `pln_bench:${deal}:${id}:all`,
               1,
               'earned',
               10_000 + n * 137,
               'USD',
               '2026-01-15',
               '2026-02-14T00:00:00Z',
               'Earned under Bench v1, All',
               now.toISOString(),
             ]
           }),
         ),
       )}`,
    )
  }
  await database.query('analyze commission_entries, tax_forms, payout_accounts, partners')
  return orgId
}

async function measure(open: OpenOptions, label: string, dealCount: number, payoutPartners: number) {
  const started = performance.now()
  const handle = await openDatabase(open)
  let orgId: string
  let payoutOrgId: string
  let recomputeSeconds: number
  try {
    ;({ orgId, recomputeSeconds } = await creditedOrg(handle, dealCount))
    payoutOrgId = await payoutOrg(handle, payoutPartners)
  } finally {
    await handle.close()
  }
  const loadSeconds = Math.round((performance.now() - started) / 100) / 10
  const result = spawnSync(
    'node',
    ['--import', 'tsx', runner, JSON.stringify({ ...open, orgId, payoutOrgId })],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    },
  )
  if (result.status !== 0) throw new Error(`commissions run failed: ${result.stderr.slice(-1500)}`)
  const figures = JSON.parse(result.stdout) as {
    sync: { seconds: number }
    payoutBatch: { seconds: number }
    peakMb: number
  }
  return {
    run: `commissions for ${dealCount} deals' credits (500 partners, tiered plan), and a payout batch for ${payoutPartners} partners, ${label}`,
    sync: {
      ...figures.sync,
      targetSeconds: syncTargetSeconds,
      isWithinTarget: figures.sync.seconds <= syncTargetSeconds,
    },
    payoutBatch: {
      ...figures.payoutBatch,
      targetSeconds: batchTargetSeconds,
      isWithinTarget: figures.payoutBatch.seconds <= batchTargetSeconds,
    },
    peakMb: figures.peakMb,
    recomputeSeconds,
    loadSeconds,
  }
}

export async function runCommissionsBench() {
  const dealCount = Number(process.env.BENCH_COMMISSION_DEALS ?? 100_000)
  const payoutPartners = Number(process.env.BENCH_PAYOUT_PARTNERS ?? 5000)
  const figures: Record<string, unknown>[] = []
  const dataDir = mkdtempSync(join(tmpdir(), 'credence-commissions-bench-'))
  try {
    figures.push(await measure({ dataDir }, 'embedded', dealCount, payoutPartners))
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
  const base = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  const admin = await openDatabase({ url: base, poolSize: 1 }).catch(() => null)
  if (!admin) return [...figures, { run: 'PostgreSQL', skipped: `no server at ${new URL(base).host}` }]
  const name = `credence_commissions_bench_${process.pid}`
  const url = new URL(base)
  url.pathname = `/${name}`
  try {
    await admin.exec(`create database ${name}`)
    figures.push(await measure({ url: url.toString() }, 'PostgreSQL', dealCount, payoutPartners))
  } finally {
    await admin.exec(`drop database if exists ${name} with (force)`)
    await admin.close()
  }
  return figures
}
