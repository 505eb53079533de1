// Storing runs set-based: the facts the runs saw (one JSON array), then the runs with their credits
// (one array literal a column; a run's credits are arrays in its row), then the heads, so a thousand
// deals cost a few statements on either database. Runs are immutable and unique by (deal, model, version,
// input hash): a run another transaction stored first is kept, and the heads point at it.
import { sql } from 'drizzle-orm'
import { type Db, queryRows } from '../../db/client'

export interface RunToStore {
  id: string
  dealId: string
  modelId: string
  modelVersion: number
  inputHash: string
  /** The facts it saw, stored by `storeInputs` first. */
  inputId: string
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
}

/** The facts runs saw, as canonical JSON, and its sha256. */
export interface InputToStore {
  id: string
  dealId: string
  facts: string
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

/**
 * The stored runs for these (deal, model, input hash) triples, by `storedRunKey(deal, model, hash)`.
 * The runs of the deals under the models are read and the wanted ones kept here: a filter on deals and
 * hashes as two lists would make PostgreSQL before 17 probe the index with every deal and every hash
 * (a thousand deals, six thousand hashes: six million probes), and a join with the list is planned as
 * a scan of the org's runs once the planner knows the list's length.
 */
export async function findStoredRuns(
  db: Db,
  orgId: string,
  wanted: readonly { dealId: string; modelId: string; inputHash: string }[],
): Promise<Map<string, string>> {
  if (wanted.length === 0) return new Map()
  const keys = new Set(wanted.map((w) => keyOf(w.dealId, w.modelId, w.inputHash)))
  const rows = await queryRows<{ id: string; deal_id: string; model_id: string; input_hash: string }>(
    db,
    sql`select id, deal_id, model_id, input_hash from attribution_runs
        where org_id = ${orgId} and deal_id = any(${arrayLiteral([...new Set(wanted.map((w) => w.dealId))])}::text[])
          and model_id = any(${arrayLiteral([...new Set(wanted.map((w) => w.modelId))])}::text[])`,
  )
  const stored = new Map<string, string>()
  for (const r of rows) {
    const key = keyOf(r.deal_id, r.model_id, r.input_hash)
    if (keys.has(key)) stored.set(key, r.id)
  }
  return stored
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

// A Postgres array literal built here and sent as one text parameter: the driver would otherwise
// escape every element of every column. Ids, hashes, numbers and dates need no quotes, so a column
// is joined as it is and checked once; only a column with another character quotes element by element.
const bare = '[A-Za-z0-9_.:+-]+'
const bareValue = new RegExp(`^${bare}$`)
const bareJoined = new RegExp(`^${bare}(,${bare})*$`)
const isNullWord = (value: string) => value.length === 4 && value.toLowerCase() === 'null'
const element = (value: string) =>
  bareValue.test(value) && !isNullWord(value) ? value : `"${value.replace(/["\\]/g, '\\$&')}"`
const arrayLiteral = (values: readonly string[]) => {
  const joined = values.join(',')
  return (values.length === 0 || bareJoined.test(joined)) && !values.some(isNullWord)
    ? `{${joined}}`
    : `{${values.map(element).join(',')}}`
}

/** Stores the facts not stored yet (facts already there are never sent again). */
export async function storeInputs(db: Db, orgId: string, inputs: readonly InputToStore[], now: Date) {
  if (inputs.length === 0) return
  const known = await queryRows<{ id: string }>(
    db,
    sql`select id from attribution_inputs
        where org_id = ${orgId} and id = any(${sql.param(inputs.map((i) => i.id))}::text[])`,
  )
  const isKnown = new Set(known.map((r) => r.id))
  const fresh = inputs.filter((i) => !isKnown.has(i.id))
  for (let i = 0; i < fresh.length; i += runsPerStatement) {
    const batch = fresh.slice(i, i + runsPerStatement)
    // one JSON array with the facts spliced in as they are: nothing to escape, one parse on the server
    const rows = batch.map(
      (f) => `{"id":${JSON.stringify(f.id)},"deal":${JSON.stringify(f.dealId)},"facts":${f.facts}}`,
    )
    await db.execute(sql`
      insert into attribution_inputs (org_id, id, deal_id, facts, created_at)
      select ${orgId}, f.id, f.deal, f.facts, ${now.toISOString()}::timestamptz
      from json_to_recordset(${`[${rows.join(',')}]`}::json) as f(id text, deal text, facts json)
      on conflict (org_id, id) do nothing`)
  }
}

/**
 * Inserts the runs with their credits. A run already stored by a concurrent attribution of the same
 * facts is left as it is, and ours is dropped:
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
    const column = (value: (run: RunToStore) => string) => sql.param(arrayLiteral(batch.map(value)))
    const credits = (value: (credit: CreditToStore) => string) =>
      column((r) => arrayLiteral(r.credits.map(value)))
    const rows = await queryRows<{ id: string }>(
      db,
      sql`
      insert into attribution_runs (org_id, id, deal_id, model_id, model_version, input_hash, input_id, currency,
        amount_minor, outcome, opened_at, deal_at, notes, actors, actor_kinds, shares, amounts, created_at)
      select ${orgId}, r.id, r.deal_id, r.model_id, r.model_version, r.input_hash, r.input_id, r.currency,
        r.amount_minor, r.outcome, r.opened_at, r.deal_at, r.notes::jsonb, r.actors::text[], r.actor_kinds::text[],
        r.shares::text[], r.amounts::bigint[], ${now.toISOString()}::timestamptz
      from unnest(
        ${column((r) => r.id)}::text[], ${column((r) => r.dealId)}::text[],
        ${column((r) => r.modelId)}::text[], ${column((r) => String(r.modelVersion))}::int[],
        ${column((r) => r.inputHash)}::text[], ${column((r) => r.inputId)}::text[],
        ${column((r) => r.currency)}::text[],
        ${column((r) => r.amountMinor.toString())}::bigint[], ${column((r) => r.outcome)}::text[],
        ${column((r) => r.openedAt.toISOString())}::timestamptz[],
        ${column((r) => r.dealAt.toISOString())}::timestamptz[],
        ${column((r) => JSON.stringify(r.notes))}::text[],
        ${credits((c) => c.actor)}::text[], ${credits((c) => c.actorKind)}::text[],
        ${credits((c) => c.share)}::text[], ${credits((c) => c.amountMinor.toString())}::text[]
      ) as r(id, deal_id, model_id, model_version, input_hash, input_id, currency, amount_minor, outcome,
        opened_at, deal_at, notes, actors, actor_kinds, shares, amounts)
      on conflict (org_id, deal_id, model_id, model_version, input_hash) do nothing
      returning id`,
    )
    for (const row of rows) storedIds.add(row.id)
  }
  const lost = runs.filter((run) => !storedIds.has(run.id))
  const idOf = new Map(runs.map((run) => [keyOf(run.dealId, run.modelId, run.inputHash), run.id]))
  if (lost.length > 0) {
    const winners = await findStoredRuns(db, orgId, lost)
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
      set run_id = excluded.run_id, updated_at = excluded.updated_at,
          written_xid = pg_current_xact_id()::text::bigint`)
  return moved.map((t) => ({
    dealId: t.dealId,
    modelId: t.modelId,
    runId: t.runId,
    previousRunId: previousOf.get(`${t.dealId}|${t.modelId}`) ?? null,
  }))
}
