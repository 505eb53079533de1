// Storing runs set-based: a batch of runs and their credits in one statement (the runs as one array
// parameter a column, the credits as one JSON document), the batch's heads in another, so a thousand
// deals cost a few statements on either database. Runs are immutable and unique by (deal, model,
// version, input hash): a run another transaction stored first is kept, and the heads point at it.
import { sql } from 'drizzle-orm'
import { type Db, queryRows } from '../../db/client'

export interface RunToStore {
  id: string
  dealId: string
  modelId: string
  modelVersion: number
  inputHash: string
  currency: string
  amountMinor: bigint
  outcome: 'open' | 'won' | 'lost'
  openedAt: Date
  dealAt: Date
  notes: readonly string[]
  credits: readonly CreditToStore[]
}

export interface CreditToStore {
  actor: string
  actorKind: string
  share: string
  amountMinor: bigint
  /** Stored as json, as written. */
  explanation: unknown
}

/** A (deal, model) and the stored run its current facts call for. */
export interface HeadTarget {
  dealId: string
  modelId: string
  runId: string
}

export interface MovedHead {
  dealId: string
  modelId: string
  runId: string
  previousRunId: string | null
}

const keyOf = (dealId: string, modelId: string, inputHash: string) => `${dealId}|${modelId}|${inputHash}`

// runs a statement: keeps one statement's parameters to some tens of megabytes
const runsPerStatement = 2000

/** The stored runs among these deals and input hashes, by `storedRunKey(deal, model, hash)`. */
export async function findStoredRuns(
  db: Db,
  orgId: string,
  dealIds: readonly string[],
  inputHashes: readonly string[],
): Promise<Map<string, string>> {
  if (dealIds.length === 0) return new Map()
  const rows = await queryRows<{ id: string; deal_id: string; model_id: string; input_hash: string }>(
    db,
    sql`select id, deal_id, model_id, input_hash from attribution_runs
        where org_id = ${orgId} and deal_id = any(${sql.param(dealIds)}::text[])
          and input_hash = any(${sql.param(inputHashes)}::text[])`,
  )
  return new Map(rows.map((r) => [keyOf(r.deal_id, r.model_id, r.input_hash), r.id]))
}

export const storedRunKey = keyOf

// one order for every writer of runs and heads, so two attributions of the same deals wait on each
// other, never deadlock
const byDealThenModel = (a: { dealId: string; modelId: string }, b: { dealId: string; modelId: string }) =>
  a.dealId < b.dealId
    ? -1
    : a.dealId > b.dealId
      ? 1
      : a.modelId < b.modelId
        ? -1
        : a.modelId > b.modelId
          ? 1
          : 0

/**
 * The batch's credits as one JSON document: the server takes each explanation as it is (json),
 * cheaper than one array parameter a column when explanations are most of the bytes.
 */
function creditsDocument(runs: readonly RunToStore[]): string {
  return JSON.stringify(
    runs.flatMap((run) =>
      run.credits.map((credit) => ({
        run_id: run.id,
        actor: credit.actor,
        actor_kind: credit.actorKind,
        share: credit.share,
        amount_minor: credit.amountMinor.toString(),
        explanation: credit.explanation,
      })),
    ),
  )
}

/**
 * Inserts the runs and, for each run this statement stored, its credits. A run already stored by a
 * concurrent attribution of the same facts is left as it is, and ours is dropped with its credits:
 * the answer is the id of the stored run for each of ours, by `storedRunKey(deal, model, hash)`.
 */
export async function storeRuns(
  db: Db,
  orgId: string,
  runs: readonly RunToStore[],
  now: Date,
): Promise<Map<string, string>> {
  const storedIds = new Set<string>()
  const sorted = [...runs].sort(byDealThenModel)
  for (let i = 0; i < sorted.length; i += runsPerStatement) {
    const batch = sorted.slice(i, i + runsPerStatement)
    const column = <T>(rows: readonly T[], value: (row: T) => unknown) => sql.param(rows.map(value))
    const rows = await queryRows<{ id: string }>(
      db,
      sql`
      with stored as (
        insert into attribution_runs (org_id, id, deal_id, model_id, model_version, input_hash, currency,
          amount_minor, outcome, opened_at, deal_at, notes, created_at)
        select ${orgId}, r.id, r.deal_id, r.model_id, r.model_version, r.input_hash, r.currency,
          r.amount_minor, r.outcome, r.opened_at, r.deal_at, r.notes::jsonb, ${now.toISOString()}::timestamptz
        from unnest(
          ${column(batch, (r) => r.id)}::text[], ${column(batch, (r) => r.dealId)}::text[],
          ${column(batch, (r) => r.modelId)}::text[], ${column(batch, (r) => r.modelVersion)}::int[],
          ${column(batch, (r) => r.inputHash)}::text[], ${column(batch, (r) => r.currency)}::text[],
          ${column(batch, (r) => r.amountMinor.toString())}::bigint[], ${column(batch, (r) => r.outcome)}::text[],
          ${column(batch, (r) => r.openedAt.toISOString())}::timestamptz[],
          ${column(batch, (r) => r.dealAt.toISOString())}::timestamptz[],
          ${column(batch, (r) => JSON.stringify(r.notes))}::text[]
        ) as r(id, deal_id, model_id, model_version, input_hash, currency, amount_minor, outcome, opened_at,
          deal_at, notes)
        on conflict (org_id, deal_id, model_id, model_version, input_hash) do nothing
        returning id
      ), stored_credits as (
      insert into credits (org_id, run_id, actor, actor_kind, share, amount_minor, explanation)
      select ${orgId}, c.run_id, c.actor, c.actor_kind, c.share, c.amount_minor, c.explanation
      from json_to_recordset(${creditsDocument(batch)}::json)
        as c(run_id text, actor text, actor_kind text, share text, amount_minor bigint, explanation json)
      where c.run_id in (select id from stored)
      )
      select id from stored`,
    )
    for (const row of rows) storedIds.add(row.id)
  }
  const lost = runs.filter((run) => !storedIds.has(run.id))
  const idOf = new Map(runs.map((run) => [keyOf(run.dealId, run.modelId, run.inputHash), run.id]))
  if (lost.length > 0) {
    const winners = await findStoredRuns(
      db,
      orgId,
      lost.map((run) => run.dealId),
      lost.map((run) => run.inputHash),
    )
    for (const [key, id] of winners) if (idOf.has(key)) idOf.set(key, id)
  }
  return idOf
}

/**
 * Points each (deal, model) at its target run, and returns the heads that moved with the run they
 * pointed at before (null for a first head). A head already there is not written again.
 */
export async function pointHeads(
  db: Db,
  orgId: string,
  targets: readonly HeadTarget[],
  now: Date,
): Promise<MovedHead[]> {
  if (targets.length === 0) return []
  const previous = await queryRows<{ deal_id: string; model_id: string; run_id: string }>(
    db,
    sql`select deal_id, model_id, run_id from current_runs
        where org_id = ${orgId} and deal_id = any(${sql.param([...new Set(targets.map((t) => t.dealId))])}::text[])`,
  )
  const previousOf = new Map(previous.map((h) => [`${h.deal_id}|${h.model_id}`, h.run_id]))
  const moved = targets
    .filter((t) => previousOf.get(`${t.dealId}|${t.modelId}`) !== t.runId)
    .sort(byDealThenModel)
  if (moved.length === 0) return []
  const column = (value: (target: HeadTarget) => unknown) => sql.param(moved.map(value))
  await db.execute(sql`
    insert into current_runs (org_id, deal_id, model_id, run_id, updated_at)
    select ${orgId}, h.deal_id, h.model_id, h.run_id, ${now.toISOString()}::timestamptz
    from unnest(${column((t) => t.dealId)}::text[], ${column((t) => t.modelId)}::text[],
      ${column((t) => t.runId)}::text[]) as h(deal_id, model_id, run_id)
    on conflict (org_id, deal_id, model_id) do update
      set run_id = excluded.run_id, updated_at = excluded.updated_at`)
  return moved.map((t) => ({
    dealId: t.dealId,
    modelId: t.modelId,
    runId: t.runId,
    previousRunId: previousOf.get(`${t.dealId}|${t.modelId}`) ?? null,
  }))
}
